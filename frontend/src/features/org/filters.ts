// The employee list's filters: what the page holds, what the URL says, and what the API is asked.
import type { LocationQuery, LocationQueryRaw } from "vue-router";

import type { EmployeeListQuery } from "@/api/types";

export const EMPLOYEE_STATUSES = ["current", "active", "probation", "resigned", "all"] as const;
export type EmployeeStatusFilter = (typeof EMPLOYEE_STATUSES)[number];

export interface EmployeeFilters {
  q: string;
  /** This department and everything below it. */
  departmentId: string | null;
  status: EmployeeStatusFilter;
  positionId: string | null;
}

export const DEFAULT_FILTERS: Readonly<EmployeeFilters> = {
  q: "",
  departmentId: null,
  status: "current",
  positionId: null,
};

function isStatus(value: unknown): value is EmployeeStatusFilter {
  return typeof value === "string" && (EMPLOYEE_STATUSES as readonly string[]).includes(value);
}

function single(value: LocationQuery[string] | undefined): string | null {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === "string" && first !== "" ? first : null;
}

/** The API query for one page; defaults and blanks are left out. */
export function employeeQuery(filters: EmployeeFilters, cursor: string | null, limit: number): EmployeeListQuery {
  const query: EmployeeListQuery = { limit };
  const q = filters.q.trim();
  if (q) query.q = q;
  if (filters.departmentId) query.department = filters.departmentId;
  if (filters.status !== DEFAULT_FILTERS.status) query.status = filters.status;
  if (filters.positionId) query.position = filters.positionId;
  if (cursor) query.cursor = cursor;
  return query;
}

/** Filters kept in the URL, so that "back" from a record returns to the same list. */
export function filtersToRouteQuery(filters: EmployeeFilters): LocationQueryRaw {
  const query: LocationQueryRaw = {};
  if (filters.q.trim()) query.q = filters.q.trim();
  if (filters.departmentId) query.department = filters.departmentId;
  if (filters.status !== DEFAULT_FILTERS.status) query.status = filters.status;
  if (filters.positionId) query.position = filters.positionId;
  return query;
}

export function filtersFromRouteQuery(query: LocationQuery): EmployeeFilters {
  const status = single(query.status);
  return {
    q: single(query.q) ?? "",
    departmentId: single(query.department),
    status: isStatus(status) ? status : DEFAULT_FILTERS.status,
    positionId: single(query.position),
  };
}

/** True when any filter narrows the list (the empty state then says "no match", not "nobody"). */
export function isFiltered(filters: EmployeeFilters): boolean {
  return Boolean(filters.q.trim() || filters.departmentId || filters.positionId || filters.status !== "current");
}
