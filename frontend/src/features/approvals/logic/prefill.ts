// Values another page hands to the submit form ("request a make-up for this slot"): a JSON object in
// the `prefill` query parameter, field id → value. Only values that fit their field are taken: a field
// the form has, that the submitter may write, of a type whose value can be checked here (text,
// numbers, choices among the field's options, dates and times). Anything else is dropped quietly:
// the link is a convenience, and the user still sees and sends the form.
import type { LocationQuery, LocationQueryValue } from "vue-router";

import { isIsoDate } from "@/app/dates";

import type { DateRangeValue, DayHalf, FieldSpec, FormValues } from "../types";
import { toIsoWithOffset } from "./format";

export const PREFILL_PARAM = "prefill";

const NUMBER = /^-?\d+(\.\d+)?$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** The query that carries `values` to the submit page. */
export function prefillQuery(values: FormValues): Record<string, string> {
  return { [PREFILL_PARAM]: JSON.stringify(values) };
}

/** The query without the prefill (once taken, it must not overwrite what the user types later). */
export function withoutPrefill(query: LocationQuery): LocationQuery {
  return Object.fromEntries(Object.entries(query).filter(([key]) => key !== PREFILL_PARAM));
}

/** An instant with its zone ("2026-11-20T09:00:00+08:00"), in this device's offset like the picker writes it. */
function dateTime(value: unknown): string | undefined {
  if (typeof value !== "string" || !DATE_TIME.test(value)) return undefined;
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? undefined : toIsoWithOffset(instant);
}

function text(spec: FieldSpec, value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  return spec.max_length !== undefined && value.trim().length > spec.max_length ? undefined : value;
}

function amount(value: unknown): string | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : undefined;
  return typeof value === "string" && NUMBER.test(value.trim()) ? value.trim() : undefined;
}

function choices(spec: FieldSpec, value: unknown): string[] | undefined {
  const allowed = new Set((spec.options ?? []).map((option) => option.value));
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string" && allowed.has(item))) return undefined;
  return [...new Set(value as string[])];
}

function range(spec: FieldSpec, value: unknown): DateRangeValue | undefined {
  const { start, end } = (value ?? {}) as Partial<Record<"start" | "end", unknown>>;
  if (spec.unit === "hour") {
    const [from, to] = [dateTime(start), dateTime(end)];
    return from && to ? { start: from, end: to } : undefined;
  }
  if (!isIsoDate(start) || !isIsoDate(end)) return undefined;
  if (spec.unit !== "half_day") return { start, end };
  const { start_half: startHalf, end_half: endHalf } = (value ?? {}) as Partial<Record<"start_half" | "end_half", unknown>>;
  return { start, end, start_half: isHalf(startHalf) ? startHalf : "am", end_half: isHalf(endHalf) ? endHalf : "pm" };
}

function isHalf(value: unknown): value is DayHalf {
  return value === "am" || value === "pm";
}

/** The value as the field's input holds it, or undefined when it does not fit the field. */
export function prefillValue(spec: FieldSpec, value: unknown): unknown {
  switch (spec.type) {
    case "text":
    case "textarea":
    case "phone":
    case "id_number":
      return text(spec, value);
    case "number":
    case "money":
      return amount(value);
    case "select":
      return typeof value === "string" && spec.options?.some((option) => option.value === value) ? value : undefined;
    case "multiselect":
      return choices(spec, value);
    case "date":
      return isIsoDate(value) ? value : undefined;
    case "datetime":
      return dateTime(value);
    case "daterange":
      return range(spec, value);
    default:
      // People, departments, files, tables, places… name things this page cannot check: not taken.
      return undefined;
  }
}

/**
 * The values of `raw` (the query parameter) that fit `fields` (the ones the submitter may write);
 * an empty object for a missing, repeated-and-empty, or unreadable parameter.
 */
export function parsePrefill(raw: LocationQueryValue | LocationQueryValue[] | undefined, fields: readonly FieldSpec[]): FormValues {
  const textValue = Array.isArray(raw) ? raw.find((item) => typeof item === "string") : raw;
  if (typeof textValue !== "string" || !textValue) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(textValue);
  } catch {
    return {};
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return {};
  const given = parsed as Record<string, unknown>;
  const values: FormValues = {};
  for (const spec of fields) {
    if (!Object.hasOwn(given, spec.id)) continue;
    const value = prefillValue(spec, given[spec.id]);
    if (value !== undefined) values[spec.id] = value;
  }
  return values;
}
