// The shift form (班次): a name, one to three segments of on and off times, and how early the on
// punch and how late the off punch may be. The segment rules mirror the server's (services/shifts.py):
// times are HH:MM, an off time at or before its on time is the next day, and the segments follow each
// other without overlapping, all within 24 hours of the first start; a rest window (午休) lies strictly
// inside the only segment.
import type { Rest, Segment, Shift, ShiftCreate, ShiftPatch } from "../types";

export const MAX_SEGMENTS = 3;
export const WINDOW_MINUTES = { min: 0, max: 720 } as const;
/** Flexible time (弹性), as the server bounds it. */
export const FLEX_MINUTES = { min: 0, max: 240 } as const;
const DAY_MINUTES = 24 * 60;
const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

export interface ShiftDraft {
  name: string;
  segments: Segment[];
  on_window_minutes: number;
  off_window_minutes: number;
  /** 弹性: arriving up to this late moves the expected off time as much later. */
  flex_minutes: number;
  /** 午休: not working time; one-segment shifts only. */
  rest: Rest | null;
}

export type SegmentProblem =
  | { code: "count" }
  | { code: "time"; index: number }
  | { code: "overlap"; index: number };

/** The server's defaults: one segment, 09:00 to 18:00. */
export function emptyShift(): ShiftDraft {
  return { name: "", segments: [{ on: "09:00", off: "18:00" }], on_window_minutes: 120, off_window_minutes: 240, flex_minutes: 0, rest: null };
}

export function draftFromShift(shift: Shift): ShiftDraft {
  return {
    name: shift.name,
    segments: shift.segments.map(({ on, off }) => ({ on, off })),
    on_window_minutes: shift.on_window_minutes,
    off_window_minutes: shift.off_window_minutes,
    flex_minutes: shift.flex_minutes,
    rest: shift.rest ? { start: shift.rest.start, end: shift.rest.end } : null,
  };
}

/** Minutes after midnight of "HH:MM"; null for anything else. */
export function minutesOf(time: string): number | null {
  const match = HH_MM.exec(time);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

function hhmm(minutes: number): string {
  const wrapped = ((minutes % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES;
  return `${String(Math.floor(wrapped / 60)).padStart(2, "0")}:${String(wrapped % 60).padStart(2, "0")}`;
}

/** The off time is on the next day: at or before the on time (a night shift). */
export function offIsNextDay(segment: Segment): boolean {
  const on = minutesOf(segment.on);
  const off = minutesOf(segment.off);
  return on !== null && off !== null && off <= on;
}

/** How long a segment lasts, in minutes (an off time equal to the on time is a whole day). */
export function segmentLength(segment: Segment): number | null {
  const on = minutesOf(segment.on);
  const off = minutesOf(segment.off);
  if (on === null || off === null) return null;
  return (off - on + DAY_MINUTES) % DAY_MINUTES || DAY_MINUTES;
}

/** The first thing the server would refuse in the segments; null when they are fine. */
export function segmentProblem(segments: readonly Segment[]): SegmentProblem | null {
  if (segments.length < 1 || segments.length > MAX_SEGMENTS) return { code: "count" };
  let firstOn = 0;
  let previousEnd = 0; // minutes after the first segment's start
  for (const [index, segment] of segments.entries()) {
    const on = minutesOf(segment.on);
    const length = segmentLength(segment);
    if (on === null || length === null) return { code: "time", index };
    if (index === 0) firstOn = on;
    const start = (on - firstOn + DAY_MINUTES) % DAY_MINUTES;
    if (start < previousEnd || start + length > DAY_MINUTES) return { code: "overlap", index };
    previousEnd = start + length;
  }
  return null;
}

/** Minutes from the segment's on time to `time` (wrapping past midnight); null when not HH:MM. */
function afterOn(segment: Segment, time: string): number | null {
  const on = minutesOf(segment.on);
  const at = minutesOf(time);
  return on === null || at === null ? null : (at - on + DAY_MINUTES) % DAY_MINUTES;
}

/** Whether the server would refuse the rest window: it lies strictly inside the only segment. */
export function restProblem(segments: readonly Segment[], rest: Rest | null): boolean {
  if (rest === null) return false;
  const [segment] = segments;
  if (segments.length !== 1 || !segment) return true;
  const start = afterOn(segment, rest.start);
  const end = afterOn(segment, rest.end);
  const length = segmentLength(segment);
  return start === null || end === null || length === null || !(0 < start && start < end && end < length);
}

/** A rest window to offer: the hour from 12:00 when it fits the segment, else the segment's middle hour. */
export function suggestedRest(segments: readonly Segment[]): Rest {
  const lunch = { start: "12:00", end: "13:00" };
  const [segment] = segments;
  if (!segment || !restProblem(segments, lunch)) return lunch;
  const on = minutesOf(segment.on) ?? 0;
  const middle = on + Math.floor((segmentLength(segment) ?? 0) / 2);
  return { start: hhmm(middle - 30), end: hhmm(middle + 30) };
}

/** A segment to add after the last: an hour after its end, as long as the time left allows (at most four hours). */
export function nextSegment(segments: readonly Segment[]): Segment {
  const last = segments.at(-1);
  const lastOff = last ? minutesOf(last.off) : null;
  const start = lastOff === null ? 9 * 60 : lastOff + 60;
  return { on: hhmm(start), off: hhmm(start + 4 * 60) };
}

/** Total working time of the segments, in minutes (the valid ones), without a valid rest window. */
export function workingMinutes(segments: readonly Segment[], rest: Rest | null = null): number {
  const total = segments.reduce((sum, segment) => sum + (segmentLength(segment) ?? 0), 0);
  const [segment] = segments;
  if (rest === null || !segment || restProblem(segments, rest)) return total;
  return total - ((afterOn(segment, rest.end) ?? 0) - (afterOn(segment, rest.start) ?? 0));
}

export function shiftBody(draft: ShiftDraft): ShiftCreate {
  return {
    name: draft.name.trim(),
    segments: draft.segments.map(({ on, off }) => ({ on, off })),
    on_window_minutes: draft.on_window_minutes,
    off_window_minutes: draft.off_window_minutes,
    flex_minutes: draft.flex_minutes,
    rest: draft.rest ? { start: draft.rest.start, end: draft.rest.end } : null,
  };
}

/** Only what differs from the shift as loaded (an empty object: nothing to save). */
export function shiftPatchBody(shift: Shift, draft: ShiftDraft): ShiftPatch {
  const before = shiftBody(draftFromShift(shift));
  const after = shiftBody(draft);
  const patch: ShiftPatch = {};
  if (after.name !== before.name) patch.name = after.name;
  if (JSON.stringify(after.segments) !== JSON.stringify(before.segments)) patch.segments = after.segments;
  if (after.on_window_minutes !== before.on_window_minutes) patch.on_window_minutes = after.on_window_minutes;
  if (after.off_window_minutes !== before.off_window_minutes) patch.off_window_minutes = after.off_window_minutes;
  if (after.flex_minutes !== before.flex_minutes) patch.flex_minutes = after.flex_minutes;
  if (JSON.stringify(after.rest) !== JSON.stringify(before.rest)) patch.rest = after.rest ?? null;
  return patch;
}

/** "09:00–18:00", or "22:00–次日 06:00" for an off time on the next day (`nextDay` writes that). */
export function segmentText(segment: Segment, nextDay: (time: string) => string): string {
  return `${segment.on}–${offIsNextDay(segment) ? nextDay(segment.off) : segment.off}`;
}

/** The segments of a shift on one line. */
export function segmentsText(segments: readonly Segment[], nextDay: (time: string) => string): string {
  return segments.map((segment) => segmentText(segment, nextDay)).join(" · ");
}
