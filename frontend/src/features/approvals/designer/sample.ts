// Sample form values for the route preview, as the preview page's inputs hold them, turned into the
// form data the server expects (numbers as text, dates as ISO, references as id lists).
import type { FormField } from "./model";

/** Kinds the preview lets one fill in: what a condition or an approver source can depend on. */
export const SAMPLE_TYPES = new Set([
  "text",
  "textarea",
  "phone",
  "id_number",
  "number",
  "money",
  "select",
  "multiselect",
  "date",
  "datetime",
  "daterange",
  "person",
  "department",
  "attachment",
  "image",
  "location",
  "table",
]);

export interface SampleLocation {
  lat: string;
  lng: string;
  address: string;
}

export type SampleValue = string | string[] | { start: string; end: string } | SampleLocation | Record<string, SampleValue>[];

export function emptySample(field: FormField): SampleValue {
  if (["multiselect", "person", "department", "attachment", "image"].includes(field.type)) return [];
  if (field.type === "location") return { lat: "", lng: "", address: "" };
  if (field.type === "daterange") return { start: "", end: "" };
  if (field.type === "table") return [];
  return "";
}

/** A local date-time input ("2026-11-25T09:30") as an ISO moment with the browser's offset. */
export function localDateTime(value: string): string {
  return value ? new Date(value).toISOString() : "";
}

function one(field: FormField, value: SampleValue | undefined): unknown {
  if (value === undefined) return undefined;
  if (field.type === "datetime") return localDateTime(value as string) || undefined;
  if (field.type === "daterange") {
    const range = value as { start: string; end: string };
    if (!range.start || !range.end) return undefined;
    if (field.unit === "hour") return { start: localDateTime(range.start), end: localDateTime(range.end) };
    return field.unit === "half_day" ? { ...range, start_half: "am", end_half: "pm" } : range;
  }
  if (field.type === "location") {
    const place = value as SampleLocation;
    if (place.lat.trim() === "" || place.lng.trim() === "") return undefined;
    return { lat: Number(place.lat), lng: Number(place.lng), address: place.address };
  }
  if (field.type === "table") {
    const rows = value as Record<string, SampleValue>[];
    return rows.map((row) => formData(field.columns ?? [], row));
  }
  if (Array.isArray(value)) return value.length ? value : undefined;
  return value === "" ? undefined : value;
}

/** Only what was filled in: the server then applies its own required checks. */
export function formData(fields: readonly FormField[], values: Record<string, SampleValue>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    if (!SAMPLE_TYPES.has(field.type)) continue;
    const value = one(field, values[field.id]);
    if (value !== undefined) out[field.id] = value;
  }
  return out;
}
