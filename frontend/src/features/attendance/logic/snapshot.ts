// Today's rules as last heard from the server (group, policy, places, consents, punches) with the
// clock skew measured from that answer. Kept on the device, so the punch screen opens, judges
// "in range" and dates offline punches without the network.
import type { Punch, Today } from "../types";
import { clockSkewMs, dayIn, serverNow } from "./clock";
import { withPunch } from "./punchRows";

export interface TodaySnapshot {
  /** The account it belongs to (the screen may open offline, before the session is known). */
  owner: string;
  /** The organisation's time zone, for "today" and the clock. */
  timeZone: string | undefined;
  /** Device clock minus server clock when the answer arrived (ms). */
  skewMs: number | null;
  today: Today;
}

export function snapshotOf(today: Today, receivedAtMs: number, owner: string, timeZone: string | undefined): TodaySnapshot {
  return { owner, timeZone, skewMs: clockSkewMs(today.server_time, receivedAtMs), today };
}

/** The server's day now (the device clock corrected by the skew). */
export function currentDay(snapshot: TodaySnapshot | null, timeZone: string | undefined, deviceNowMs = Date.now()): string {
  return dayIn(serverNow(snapshot?.skewMs ?? null, deviceNowMs), timeZone ?? snapshot?.timeZone);
}

/** The recorded punches of today; none when the snapshot is from another day. */
export function punchesOfToday(snapshot: TodaySnapshot | null, day: string): Punch[] {
  return snapshot && snapshot.today.day === day ? snapshot.today.punches : [];
}

/** The snapshot with a punch the server just recorded (if it is one of the snapshot's day). */
export function withRecordedPunch(snapshot: TodaySnapshot, punch: Punch): TodaySnapshot {
  if (dayIn(new Date(punch.punched_at), snapshot.timeZone) !== snapshot.today.day) return snapshot;
  return { ...snapshot, today: { ...snapshot.today, punches: withPunch(snapshot.today.punches, punch) } };
}
