// Today's punches as the screen lists them: what the server recorded, what waits on this device to
// be sent, and what the server refused, in the order they were made.
import type { Punch } from "../types";
import type { QueuedPunch, Rejection } from "./storage";

export type RowState = "pending" | "accepted" | "needs_review" | "rejected";

export interface PunchRow {
  id: string;
  /** When it was made (ISO): the server's punch time once recorded, the device's time before. */
  at: string;
  placeName: string | null;
  fieldWork: boolean;
  state: RowState;
  reviewReasons: string[];
  rejection: Rejection | null;
}

export function punchRows(recorded: readonly Punch[], queued: readonly QueuedPunch[]): PunchRow[] {
  const rows: PunchRow[] = recorded.map((punch) => ({
    id: punch.id,
    at: punch.punched_at,
    placeName: punch.place?.name ?? punch.wifi?.name ?? null,
    fieldWork: punch.field_work,
    state: punch.status,
    reviewReasons: punch.review_reasons,
    rejection: null,
  }));
  const known = new Set(rows.map((row) => row.id));
  for (const entry of queued) {
    // Sent and answered, but the list of recorded punches already has it: the server's word wins.
    if (known.has(entry.id)) continue;
    rows.push({
      id: entry.id,
      at: entry.payload.device_time,
      placeName: entry.placeName,
      fieldWork: entry.payload.field_work,
      state: entry.state === "rejected" ? "rejected" : "pending",
      reviewReasons: [],
      rejection: entry.rejection,
    });
  }
  return rows.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/** Adds (or replaces) a recorded punch in a list of today's punches, keeping it in time order. */
export function withPunch(punches: readonly Punch[], punch: Punch): Punch[] {
  return [...punches.filter((item) => item.id !== punch.id), punch].sort(
    (a, b) => Date.parse(a.punched_at) - Date.parse(b.punched_at),
  );
}
