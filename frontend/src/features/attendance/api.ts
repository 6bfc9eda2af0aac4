// Calls to /api/v1/attendance/ that pages make directly: today's screen, the days of a month,
// consent, and the administration of groups and shifts. Punches themselves go through the queue's
// transport (logic/transport.ts).
import { api } from "@/api/client";
import { notifyUnauthenticated, readBody } from "@/api/http";
import { ApiError } from "@/api/problem";

import type { NewGroupBody } from "./logic/groupForm";
import type {
  ClosedMonth,
  ConsentPurpose,
  DailyReportRow,
  Day,
  DepartmentReport,
  Group,
  GroupCreate,
  GroupPatch,
  MonthReportRow,
  Place,
  PlaceCreate,
  WifiCreate,
  WifiNetwork,
  SeriesDay,
  Shift,
  ShiftCreate,
  ShiftPatch,
  Today,
} from "./types";

// The raw body of each failed call: the group form reads which member could not join from it.
const problemBodies = new WeakMap<ApiError, unknown>();

export function problemBody(error: unknown): unknown {
  return error instanceof ApiError ? problemBodies.get(error) : undefined;
}

type Answer<T> = { data?: T; error?: unknown; response: Response };

export async function call<T>(pending: Promise<Answer<T>>): Promise<T> {
  const { data, error, response } = await pending;
  if (response.ok) return data as T;
  if (response.status === 401) notifyUnauthenticated();
  const failure = ApiError.fromResponse(response.status, error);
  problemBodies.set(failure, error);
  throw failure;
}

export function fetchToday(): Promise<Today> {
  return call(api.GET("/api/v1/attendance/me/today"));
}

/** Each day from `since` to `until` (YYYY-MM-DD, at most 62 days) with its slots and result. */
export function fetchDays(since: string, until: string): Promise<Day[]> {
  return call(api.GET("/api/v1/attendance/me/days", { params: { query: { since, until } } }));
}

export async function setConsent(purpose: ConsentPurpose, granted: boolean): Promise<ConsentPurpose[]> {
  const answer = await call(api.PUT("/api/v1/attendance/me/consent", { body: { purpose, granted } }));
  return answer.consents;
}

export function fetchGroups(): Promise<Group[]> {
  return call(api.GET("/api/v1/attendance/groups"));
}

export function fetchGroup(groupId: string): Promise<Group> {
  return call(api.GET("/api/v1/attendance/groups/{group_id}", { params: { path: { group_id: groupId } } }));
}

export function createGroup(body: NewGroupBody): Promise<Group> {
  return call(api.POST("/api/v1/attendance/groups", { body: body as GroupCreate }));
}

export function updateGroup(groupId: string, body: GroupPatch): Promise<Group> {
  return call(api.PATCH("/api/v1/attendance/groups/{group_id}", { params: { path: { group_id: groupId } }, body }));
}

/** Compute the group's days again, by the worker (after correcting its shift or rules). */
export async function recomputeGroup(groupId: string, since: string, until: string): Promise<void> {
  await call(
    api.POST("/api/v1/attendance/groups/{group_id}/recompute", {
      params: { path: { group_id: groupId } },
      body: { since, until },
    }),
  );
}

export async function deleteGroup(groupId: string): Promise<void> {
  await call(api.DELETE("/api/v1/attendance/groups/{group_id}", { params: { path: { group_id: groupId } } }));
}

export function createPlace(groupId: string, body: PlaceCreate): Promise<Place> {
  return call(
    api.POST("/api/v1/attendance/groups/{group_id}/places", { params: { path: { group_id: groupId } }, body }),
  );
}

export async function deletePlace(placeId: string): Promise<void> {
  await call(api.DELETE("/api/v1/attendance/places/{place_id}", { params: { path: { place_id: placeId } } }));
}

export function createWifi(groupId: string, body: WifiCreate): Promise<WifiNetwork> {
  return call(api.POST("/api/v1/attendance/groups/{group_id}/wifi", { params: { path: { group_id: groupId } }, body }));
}

export async function deleteWifi(wifiId: string): Promise<void> {
  await call(api.DELETE("/api/v1/attendance/wifi/{wifi_id}", { params: { path: { wifi_id: wifiId } } }));
}

/** The closed months (月结), latest first. */
export function fetchClosedMonths(): Promise<ClosedMonth[]> {
  return call(api.GET("/api/v1/attendance/periods"));
}

export function closeMonth(month: string): Promise<ClosedMonth> {
  return call(api.PUT("/api/v1/attendance/periods/{month}", { params: { path: { month } } }));
}

export async function reopenMonth(month: string): Promise<void> {
  await call(api.DELETE("/api/v1/attendance/periods/{month}", { params: { path: { month } } }));
}

export function fetchShifts(): Promise<Shift[]> {
  return call(api.GET("/api/v1/attendance/shifts"));
}

export function createShift(body: ShiftCreate): Promise<Shift> {
  return call(api.POST("/api/v1/attendance/shifts", { body }));
}

export function updateShift(shiftId: string, body: ShiftPatch): Promise<Shift> {
  return call(api.PATCH("/api/v1/attendance/shifts/{shift_id}", { params: { path: { shift_id: shiftId } }, body }));
}

export async function deleteShift(shiftId: string): Promise<void> {
  await call(api.DELETE("/api/v1/attendance/shifts/{shift_id}", { params: { path: { shift_id: shiftId } } }));
}

// --- reports (in the viewer's data scope) ------------------------------------------------------------------
type MonthParams = { month: string; department_id?: string };
type DailyParams = {
  since: string;
  until: string;
  department_id?: string;
  employee_id?: string;
  exceptions_only?: boolean;
};

export function fetchMonthlyReport(query: MonthParams): Promise<MonthReportRow[]> {
  return call(api.GET("/api/v1/attendance/reports/monthly", { params: { query } }));
}

export function fetchDailyReport(query: DailyParams): Promise<DailyReportRow[]> {
  return call(api.GET("/api/v1/attendance/reports/daily", { params: { query } }));
}

export function fetchDepartmentReport(query: MonthParams): Promise<DepartmentReport> {
  return call(api.GET("/api/v1/attendance/reports/departments", { params: { query } }));
}

export function fetchDailySeries(query: MonthParams): Promise<SeriesDay[]> {
  return call(api.GET("/api/v1/attendance/reports/daily-series", { params: { query } }));
}

/** A failed call made without the typed client (a file): its problem is kept like the others'. */
export async function failedResponse(response: Response): Promise<never> {
  const body = await readBody(response);
  if (response.status === 401) notifyUnauthenticated();
  const failure = ApiError.fromResponse(response.status, body);
  problemBodies.set(failure, body);
  throw failure;
}
