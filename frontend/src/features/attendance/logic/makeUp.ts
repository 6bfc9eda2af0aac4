// A make-up request (补卡) for a slot: the approval centre's built-in template, started with the
// slot's expected time and whether it is the on or the off punch. Once approved, the server counts
// it as the slot's punch.
import type { Slot } from "../types";

/** The key of the built-in make-up template (backend: attendance/services/make_ups.py). */
export const MAKE_UP_TEMPLATE_KEY = "make_up_punch";

export interface MakeUpValues {
  /** When the punch should have been: the slot's expected time. */
  punch_at: string;
  /** The template's choice: "in" for an on slot, "out" for an off slot. */
  punch_kind: "in" | "out";
}

export function makeUpValues(slot: Pick<Slot, "kind" | "expected_at">): MakeUpValues {
  return { punch_at: slot.expected_at, punch_kind: slot.kind === "on" ? "in" : "out" };
}

/** The id of the make-up template among those the person may submit; null when it is not there. */
export function makeUpTemplateId(available: readonly { id: string; key: string }[]): string | null {
  return available.find((template) => template.key === MAKE_UP_TEMPLATE_KEY)?.id ?? null;
}
