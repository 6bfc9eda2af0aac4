// The report page's filters as the address holds them (so that a report can be shared and "back"
// returns to it), the export addresses, and how the numbers are written.
import { isIsoDate } from "@/app/dates";

import { isMonth } from "./monthGrid";

export type ReportTab = "monthly" | "daily" | "departments";
export type ExportFormat = "xlsx" | "csv";

export const REPORT_TABS: readonly ReportTab[] = ["monthly", "daily", "departments"];
/** The daily report covers at most this many days (the server refuses more). */
export const MAX_DAILY_DAYS = 31;

export interface ReportFilters {
  tab: ReportTab;
  month: string;
  since: string;
  until: string;
  department: string | null;
  person: string | null;
}

type Query = Record<string, unknown>;

function text(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

/** Days from `since` to `until`, both included (0 when `until` comes first). */
export function daySpan(since: string, until: string): number {
  const days = (Date.parse(`${until}T00:00:00Z`) - Date.parse(`${since}T00:00:00Z`)) / 86_400_000;
  return days < 0 ? 0 : days + 1;
}

/** The date `days` after `date` (YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The filters the address asks for; what is missing or malformed falls back to this month / today. */
export function readFilters(query: Query, today: string): ReportFilters {
  const tab = REPORT_TABS.find((name) => name === query.tab) ?? "monthly";
  const month = isMonth(query.month) ? query.month : today.slice(0, 7);
  let since = isIsoDate(query.since) ? query.since : today;
  let until = isIsoDate(query.until) ? query.until : since;
  if (until < since) [since, until] = [until, since];
  if (daySpan(since, until) > MAX_DAILY_DAYS) until = addDays(since, MAX_DAILY_DAYS - 1);
  return { tab, month, since, until, department: text(query.department), person: text(query.person) };
}

/** The address query for the filters: only what differs from the defaults, so addresses stay short. */
export function writeFilters(filters: ReportFilters, today: string): Record<string, string> {
  const query: Record<string, string> = {};
  if (filters.tab !== "monthly") query.tab = filters.tab;
  if (filters.month !== today.slice(0, 7)) query.month = filters.month;
  if (filters.since !== today || filters.until !== today) {
    query.since = filters.since;
    query.until = filters.until;
  }
  if (filters.department) query.department = filters.department;
  if (filters.person) query.person = filters.person;
  return query;
}

/** The query parameters of the API call behind a tab. */
export function reportParams(filters: ReportFilters, tab: ReportTab = filters.tab): Record<string, string> {
  const params: Record<string, string> =
    tab === "daily" ? { since: filters.since, until: filters.until } : { month: filters.month };
  if (filters.department) params.department_id = filters.department;
  if (tab === "daily" && filters.person) params.employee_id = filters.person;
  return params;
}

const EXPORT_PATHS: Record<ReportTab, string> = {
  monthly: "/api/v1/attendance/reports/monthly/export",
  daily: "/api/v1/attendance/reports/daily/export",
  departments: "/api/v1/attendance/reports/departments/export",
};

/** A plain download: the session cookie goes along, so the browser saves what the API answers. */
export function exportUrl(filters: ReportFilters, format: ExportFormat, tab: ReportTab = filters.tab): string {
  const search = new URLSearchParams({ ...reportParams(filters, tab), format });
  return `${EXPORT_PATHS[tab]}?${search.toString()}`;
}

/** 0.9545 → "95.5%" (one decimal, as the spreadsheet shows it). */
export function percent(rate: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
    rate,
  );
}

/** "2.50" → "2.5", "0.00" → "0": hours as people write them. */
export function hours(value: string | number): string {
  const number = Number(value);
  return Number.isFinite(number) ? String(Math.round(number * 100) / 100) : String(value);
}

/** Days of leave by type as one line ("年假 1 · 事假 0.5"), named from `names` (code → name); "—" for none. */
export function leaveText(leave: Record<string, string>, names: Record<string, string>): string {
  const parts = Object.entries(leave)
    .filter(([, days]) => Number(days) !== 0)
    .map(([code, days]) => `${names[code] ?? code} ${hours(days)}`);
  return parts.length ? parts.join(" · ") : "—";
}

/** Total hours of overtime, of all day types. */
export function overtimeTotal(overtime: { workday: string; rest_day: string; holiday: string }): string {
  return hours(Number(overtime.workday) + Number(overtime.rest_day) + Number(overtime.holiday));
}
