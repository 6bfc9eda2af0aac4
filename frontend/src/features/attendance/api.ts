// Calls to /api/v1/attendance/ that pages make directly: today's screen, the days of a month,
// consent, and the administration of groups and shifts. Punches themselves go through the queue's
// transport (logic/transport.ts).
import { api } from "@/api/client";
import { notifyUnauthenticated, officiumFetch, readBody } from "@/api/http";
import { ApiError } from "@/api/problem";

import type { NewGroupBody } from "./logic/groupForm";
import type {
  ClosedMonth,
  ConsentPurpose,
  Day,
  Group,
  GroupCreate,
  GroupPatch,
  Place,
  PlaceCreate,
  Roster,
  RosterCell,
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

async function call<T>(pending: Promise<Answer<T>>): Promise<T> {
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

async function failed(response: Response): Promise<never> {
  const body = await readBody(response);
  if (response.status === 401) notifyUnauthenticated();
  const failure = ApiError.fromResponse(response.status, body);
  problemBodies.set(failure, body);
  throw failure;
}

/** The month's roster as a spreadsheet, fetched with the session (not a bare link) to be saved. */
export async function downloadRosterExport(groupId: string, month: string): Promise<Blob> {
  const path = `/api/v1/attendance/groups/${encodeURIComponent(groupId)}/roster/export`;
  const response = await officiumFetch(`${path}?month=${encodeURIComponent(month)}`);
  if (!response.ok) return failed(response);
  return response.blob();
}

/** Upload a filled-in roster; a refusal carries each bad cell (see `importProblems`). */
export async function importRoster(groupId: string, file: File): Promise<number> {
  const form = new FormData();
  form.append("file", file, file.name);
  const path = `/api/v1/attendance/groups/${encodeURIComponent(groupId)}/roster/import`;
  const response = await officiumFetch(path, { method: "POST", body: form });
  if (!response.ok) return failed(response);
  return ((await readBody(response)) as { changed: number }).changed;
}
