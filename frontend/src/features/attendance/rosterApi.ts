// Calls of the roster page (排班), apart from api.ts so that the punch screen does not load them.
import { api } from "@/api/client";
import { officiumFetch, readBody } from "@/api/http";

import { call, failedResponse } from "./api";
import type { Roster, RosterCell } from "./types";

/** A roster group's members and their plan from `since` to `until` (at most 62 days). */
export function fetchRoster(groupId: string, since: string, until: string): Promise<Roster> {
  return call(
    api.GET("/api/v1/attendance/groups/{group_id}/roster", {
      params: { path: { group_id: groupId }, query: { since, until } },
    }),
  );
}

/** Set cells of the roster: all are saved, or none. Answers how many changed. */
export async function saveRoster(groupId: string, cells: RosterCell[]): Promise<number> {
  const answer = await call(
    api.PUT("/api/v1/attendance/groups/{group_id}/roster", { params: { path: { group_id: groupId } }, body: { cells } }),
  );
  return answer.changed;
}

/** Each member's week from Monday `fromWeek` becomes their week from Monday `toWeek`. */
export async function copyRosterWeek(groupId: string, fromWeek: string, toWeek: string): Promise<number> {
  const answer = await call(
    api.POST("/api/v1/attendance/groups/{group_id}/roster/copy-week", {
      params: { path: { group_id: groupId } },
      body: { from_week: fromWeek, to_week: toWeek },
    }),
  );
  return answer.changed;
}

/** The month's roster as a spreadsheet, fetched with the session (not a bare link) to be saved. */
export async function downloadRosterExport(groupId: string, month: string): Promise<Blob> {
  const path = `/api/v1/attendance/groups/${encodeURIComponent(groupId)}/roster/export`;
  const response = await officiumFetch(`${path}?month=${encodeURIComponent(month)}`);
  if (!response.ok) return failedResponse(response);
  return response.blob();
}

/** Upload a filled-in roster; a refusal carries each bad cell (see `importProblems`). */
export async function importRoster(groupId: string, file: File): Promise<number> {
  const form = new FormData();
  form.append("file", file, file.name);
  const path = `/api/v1/attendance/groups/${encodeURIComponent(groupId)}/roster/import`;
  const response = await officiumFetch(path, { method: "POST", body: form });
  if (!response.ok) return failedResponse(response);
  return ((await readBody(response)) as { changed: number }).changed;
}
