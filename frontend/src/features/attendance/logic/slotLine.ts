// One slot of a day (上班 or 下班 of a shift segment) as a line of text: which punch it is, when it
// was expected, and what came of it (punched at, late or early by so many minutes, missing, not yet),
// with the tone of its tag, whether a forgiven late (迟到豁免) lies behind an on-time result, and
// whether a make-up request (补卡) can fix it.
import type { Slot, SlotResult } from "../types";
import { dayIn } from "./clock";

export type SlotTone = "success" | "warning" | "danger" | "default";

export interface SlotLine {
  /** i18n key of 上班 / 下班. */
  kindKey: string;
  /** The expected time, HH:MM where the organisation is. */
  expected: string;
  /** The expected time is on the day after the slot's day (a night shift's off). */
  nextDay: boolean;
  /** i18n key and values of the result ("迟到 12 分钟"). */
  resultKey: string;
  resultParams: Record<string, string | number>;
  /** When the punch that counts was made (HH:MM), if any. */
  punched: string | null;
  tone: SlotTone;
  /** The punch that counts is an approved make-up request. */
  madeUp: boolean;
  /** A late the group forgives (迟到豁免): shown on time, with how late it was. */
  forgiven: boolean;
  /** A make-up request would fix it: missing, late or early. */
  makeUpAllowed: boolean;
}

const TONES: Record<SlotResult, SlotTone> = {
  on_time: "success",
  pending: "default",
  late: "warning",
  early: "warning",
  serious_late: "danger",
  absent_late: "danger",
  missing: "danger",
  leave: "default",
  trip: "default",
  outing: "default",
};

const FIXABLE: ReadonlySet<SlotResult> = new Set(["missing", "late", "serious_late", "absent_late", "early"]);

/** Whether a make-up request would fix the slot: its punch is missing, late or early. */
export function makeUpAllowed(slot: Pick<Slot, "result">): boolean {
  return FIXABLE.has(slot.result);
}

/** HH:MM (24-hour) of an instant in a time zone (the device's when not given). */
export function clockTime(iso: string, timeZone?: string): string {
  return new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone }).format(
    new Date(iso),
  );
}

/** The line for a slot of `day` (YYYY-MM-DD), with times in the organisation's zone. */
export function slotLine(slot: Slot, day: string, timeZone?: string): SlotLine {
  const punched = slot.punched_at ? clockTime(slot.punched_at, timeZone) : null;
  const resultParams: Record<string, string | number> =
    slot.result === "on_time" ? { time: punched ?? "" } : { minutes: slot.minutes };
  return {
    kindKey: `attendance.slot.${slot.kind}`,
    expected: clockTime(slot.expected_at, timeZone),
    nextDay: dayIn(new Date(slot.expected_at), timeZone) !== day,
    resultKey: `attendance.slot.result.${slot.result}`,
    resultParams,
    punched,
    tone: TONES[slot.result],
    madeUp: slot.made_up,
    forgiven: slot.forgiven,
    makeUpAllowed: makeUpAllowed(slot),
  };
}
