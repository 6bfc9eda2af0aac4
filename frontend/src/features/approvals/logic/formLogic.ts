// What the form does while the user types, mirroring forms.py: derived values (formulas, column
// totals, durations), display conditions, required checks, and the server's field errors by pointer.
// The server recomputes and rechecks everything; this only spares the user a round trip.
import { evaluate, truthy } from "./expression";
import type { DateRangeValue, DayHalf, FieldPermission, FieldSpec, FormValues, TableRow } from "../types";

const NUMERIC = new Set(["money", "number", "formula"]);
const LISTS = new Set(["multiselect", "person", "department", "attachment", "image", "related"]);
export const DERIVED = new Set(["formula", "serial"]);

export function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === "") return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "object") return Object.keys(value).length === 0;
  return false;
}

function forExpression(spec: FieldSpec, value: unknown): unknown {
  if (NUMERIC.has(spec.type)) {
    const number = Number(value);
    return isEmpty(value) || !Number.isFinite(number) ? 0 : number;
  }
  if (spec.type === "table") {
    const columns = new Map((spec.columns ?? []).map((column) => [column.id, column]));
    return ((value as TableRow[] | undefined) ?? []).map((row) =>
      Object.fromEntries(
        Object.entries(row)
          .filter(([key]) => columns.has(key))
          .map(([key, cell]) => [key, forExpression(columns.get(key)!, cell)]),
      ),
    );
  }
  if (spec.type === "daterange") return value ?? { start: "", end: "", duration: 0 };
  if (LISTS.has(spec.type)) return Array.isArray(value) ? value : [];
  return value ?? "";
}

/** The values as conditions and formulas see them (numbers as numbers, tables as row maps). */
export function expressionVariables(fields: FieldSpec[], values: FormValues): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const spec of fields) {
    if (spec.type !== "description") variables[spec.id] = forExpression(spec, values[spec.id]);
  }
  return variables;
}

/** Rounds half up like the server's Decimal quantize, and prints the fixed decimals. */
export function roundMoney(value: number, decimals = 2): string {
  const factor = 10 ** decimals;
  const rounded = Math.sign(value) * Math.round(Math.abs(value) * factor + 1e-9) / factor;
  return rounded.toFixed(decimals);
}

/** Column totals of a detail table, as decimal strings (the server's `<table>__totals`). */
export function tableTotals(spec: FieldSpec, rows: TableRow[] | undefined): Record<string, string> {
  const totals: Record<string, string> = {};
  for (const columnId of spec.totals ?? []) {
    const column = spec.columns?.find((candidate) => candidate.id === columnId);
    const decimals = column?.decimals ?? (column?.type === "money" ? 2 : 0);
    const sum = (rows ?? []).reduce((total, row) => {
      const number = Number(row[columnId]);
      return total + (isEmpty(row[columnId]) || !Number.isFinite(number) ? 0 : number);
    }, 0);
    totals[columnId] = roundMoney(sum, decimals);
  }
  return totals;
}

/** Formula values by field id; a formula that cannot be computed yet is left out. */
export function computeFormulas(
  fields: FieldSpec[],
  values: FormValues,
  context: Record<string, unknown> = {},
): Record<string, string> {
  const computed: Record<string, string> = {};
  const current: FormValues = { ...values };
  for (const spec of fields) {
    if (spec.type !== "formula" || !spec.expression) continue;
    try {
      const result = Number(evaluate(spec.expression, { ...context, ...expressionVariables(fields, current) }));
      if (!Number.isFinite(result)) continue;
      computed[spec.id] = roundMoney(result, spec.decimals ?? 2);
      current[spec.id] = computed[spec.id];
    } catch {
      // Not computable with what is filled in so far; the server answers with its own value.
    }
  }
  return computed;
}

/** Ids of the fields whose display condition holds; a condition that fails shows its field, as on the server. */
export function visibleFieldIds(
  fields: FieldSpec[],
  values: FormValues,
  context: Record<string, unknown> = {},
): Set<string> {
  const variables = { ...context, ...expressionVariables(fields, { ...values, ...computeFormulas(fields, values, context) }) };
  const visible = new Set<string>();
  for (const spec of fields) {
    if (!spec.visible_if) {
      visible.add(spec.id);
      continue;
    }
    try {
      if (truthy(spec.visible_if, variables)) visible.add(spec.id);
    } catch {
      visible.add(spec.id);
    }
  }
  return visible;
}

const HALF_INDEX: Record<DayHalf, number> = { am: 0, pm: 1 };

/** Days (inclusive, or by halves) or hours between the two ends of a range, to one decimal; null when not a range. */
export function rangeDuration(spec: FieldSpec, range: Partial<DateRangeValue> | undefined): number | null {
  if (!range?.start || !range.end) return null;
  if (spec.unit === "hour") {
    const hours = (Date.parse(range.end) - Date.parse(range.start)) / 3_600_000;
    return Number.isFinite(hours) && hours > 0 ? Math.round(hours * 10) / 10 : null;
  }
  if (spec.unit === "half_day") {
    // forms.py: days × 2 + end half − start half + 1 halves (am = 0, pm = 1).
    if (!range.start_half || !range.end_half) return null;
    const days = (Date.parse(`${range.end}T00:00:00Z`) - Date.parse(`${range.start}T00:00:00Z`)) / 86_400_000;
    const halves = days * 2 + HALF_INDEX[range.end_half] - HALF_INDEX[range.start_half] + 1;
    return Number.isFinite(halves) && halves > 0 ? halves / 2 : null;
  }
  const days = (Date.parse(`${range.end}T00:00:00Z`) - Date.parse(`${range.start}T00:00:00Z`)) / 86_400_000 + 1;
  return Number.isFinite(days) && days > 0 ? days : null;
}

export interface LocalProblem {
  code: "required" | "too_small" | "too_large" | "too_short" | "too_long" | "pattern_mismatch" | "invalid_number" | "invalid_phone" | "invalid_id_number" | "invalid_range";
  /** The bound or the message the rule carries (min, max, length, the pattern's own message). */
  limit?: string;
}

const MOBILE = /^(\+?86)?1\d{10}$|^\+[1-9]\d{6,14}$/;
const ID_NUMBER = /^\d{17}[\dXx]$/;
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** A mainland resident ID: 18 characters with the ISO 7064 checksum (forms.valid_id_number). */
export function validIdNumber(value: string): boolean {
  if (!ID_NUMBER.test(value)) return false;
  const total = ID_WEIGHTS.reduce((sum, weight, i) => sum + Number(value[i]) * weight, 0);
  return "10X98765432"[total % 11] === value.charAt(17).toUpperCase();
}

/** Python's re.fullmatch, for the patterns JavaScript reads the same way; others are left to the server. */
function matchesPattern(pattern: string, text: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`, "u").test(text);
  } catch {
    return true;
  }
}

/** The rules forms.py applies to one filled-in value, in the same order; null when it passes. */
export function valueProblem(spec: FieldSpec, value: unknown): LocalProblem | null {
  if (isEmpty(value)) return null;
  switch (spec.type) {
    case "text":
    case "textarea": {
      const text = String(value).trim();
      if (spec.max_length !== undefined && text.length > spec.max_length) return { code: "too_long", limit: String(spec.max_length) };
      if (spec.min_length !== undefined && text.length < spec.min_length) return { code: "too_short", limit: String(spec.min_length) };
      if (spec.pattern && !matchesPattern(spec.pattern, text)) {
        return { code: "pattern_mismatch", limit: spec.pattern_message ?? "" };
      }
      return null;
    }
    case "number":
    case "money": {
      const number = Number(value);
      if (typeof value === "boolean" || !Number.isFinite(number)) return { code: "invalid_number" };
      if (spec.min !== undefined && number < spec.min) return { code: "too_small", limit: String(spec.min) };
      if (spec.max !== undefined && number > spec.max) return { code: "too_large", limit: String(spec.max) };
      return null;
    }
    case "phone":
      return MOBILE.test(String(value).replace(/[\s-]/g, "")) ? null : { code: "invalid_phone" };
    case "id_number":
      return validIdNumber(String(value).trim().toUpperCase()) ? null : { code: "invalid_id_number" };
    case "daterange": {
      const range = value as Partial<DateRangeValue>;
      if (!range.start && !range.end) return null;
      return rangeDuration(spec, range) === null ? { code: "invalid_range" } : null;
    }
    default:
      return null;
  }
}

/**
 * The problems the server would find in what this person may write here, by pointer: required
 * values, then each value's own rules (table cells included). The server still checks everything.
 */
export function localProblems(
  fields: FieldSpec[],
  values: FormValues,
  visible: Set<string>,
  permissions: Record<string, FieldPermission | string> = {},
): Record<string, LocalProblem> {
  const problems: Record<string, LocalProblem> = {};
  for (const pointer of missingRequired(fields, values, visible, permissions)) problems[pointer] = { code: "required" };
  for (const spec of fields) {
    if (!visible.has(spec.id) || (permissions[spec.id] ?? "edit") !== "edit" || DERIVED.has(spec.type)) continue;
    if (spec.type === "table") {
      ((values[spec.id] as TableRow[] | undefined) ?? []).forEach((row, index) => {
        for (const column of spec.columns ?? []) {
          const problem = valueProblem(column, row[column.id]);
          if (problem) problems[`/${spec.id}/${index}/${column.id}`] ??= problem;
        }
      });
    } else {
      const problem = valueProblem(spec, values[spec.id]);
      if (problem) problems[`/${spec.id}`] ??= problem;
    }
  }
  return problems;
}

/** A required check as the server makes it: visible, editable, not derived, empty → "/<id>". */
export function missingRequired(
  fields: FieldSpec[],
  values: FormValues,
  visible: Set<string>,
  permissions: Record<string, FieldPermission | string> = {},
): string[] {
  const missing: string[] = [];
  for (const spec of fields) {
    if (!visible.has(spec.id) || (permissions[spec.id] ?? "edit") !== "edit" || DERIVED.has(spec.type)) continue;
    if (spec.required && isEmpty(values[spec.id])) missing.push(`/${spec.id}`);
    if (spec.type === "table") {
      ((values[spec.id] as TableRow[] | undefined) ?? []).forEach((row, index) => {
        if (!spec.required && Object.values(row).every(isEmpty)) return;
        for (const column of spec.columns ?? []) {
          if (column.required && !DERIVED.has(column.type) && isEmpty(row[column.id])) {
            missing.push(`/${spec.id}/${index}/${column.id}`);
          }
        }
      });
    }
  }
  return missing;
}

/**
 * The form data to send: only visible fields this person may write, without derived values or
 * empty entries (the server refuses fields it does not expect, e.g. read-only ones).
 */
export function formDataToSend(
  fields: FieldSpec[],
  values: FormValues,
  visible: Set<string>,
  permissions: Record<string, FieldPermission | string> = {},
  only?: Set<string>,
): FormValues {
  const data: FormValues = {};
  for (const spec of fields) {
    const value = values[spec.id];
    if (spec.type === "description" || DERIVED.has(spec.type) || !visible.has(spec.id)) continue;
    if ((permissions[spec.id] ?? "edit") !== "edit" || (only && !only.has(spec.id)) || isEmpty(value)) continue;
    if (spec.type === "table") {
      const columns = (spec.columns ?? []).filter((column) => !DERIVED.has(column.type) && column.type !== "description");
      // A row left completely blank (the one an optional table starts with) is not a row.
      const rows = (value as TableRow[])
        .map((row) =>
          Object.fromEntries(columns.filter((column) => !isEmpty(row[column.id])).map((column) => [column.id, row[column.id]])),
        )
        .filter((row) => !isEmpty(row));
      if (rows.length) data[spec.id] = rows;
    } else if (spec.type === "daterange") {
      const range = value as DateRangeValue;
      if (range.start && range.end) {
        data[spec.id] =
          spec.unit === "half_day"
            ? { start: range.start, start_half: range.start_half, end: range.end, end_half: range.end_half }
            : { start: range.start, end: range.end };
      }
    } else {
      data[spec.id] = value;
    }
  }
  return data;
}

export interface FieldErrorSource {
  pointer?: unknown;
  loc?: unknown;
  message?: unknown;
  msg?: unknown;
}

/**
 * The server's field errors keyed by JSON pointer ("/items/0/amount"): approval services say
 * `{pointer, message}`; pydantic says `{loc: ["body", "payload", "form_data", "amount"], msg}`.
 */
export function errorsByPointer(body: unknown): Record<string, string> {
  const errors = (body as { errors?: unknown } | null)?.errors;
  const found: Record<string, string> = {};
  if (!Array.isArray(errors)) return found;
  for (const item of errors as FieldErrorSource[]) {
    let pointer = "";
    if (typeof item.pointer === "string") {
      pointer = item.pointer;
    } else if (Array.isArray(item.loc)) {
      const at = item.loc.indexOf("form_data");
      const path = at >= 0 ? item.loc.slice(at + 1) : item.loc.slice(-1);
      pointer = path.length ? `/${path.join("/")}` : "";
    }
    const message = typeof item.message === "string" ? item.message : typeof item.msg === "string" ? item.msg : "";
    if (pointer && message && !(pointer in found)) found[pointer] = message;
  }
  return found;
}
