// Calendar dates (YYYY-MM-DD, no time zone) as the API sends them, and the parts Vant's DatePicker uses.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== "string") return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** ["2026", "01", "05"] for "2026-01-05"; null for anything else. */
export function isoToParts(value: string | null | undefined): string[] | null {
  return isIsoDate(value) ? value.split("-") : null;
}

export function partsToIso(parts: readonly string[]): string | null {
  if (parts.length !== 3) return null;
  const [year, month, day] = parts as [string, string, string];
  const iso = `${year.padStart(4, "0")}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
  return isIsoDate(iso) ? iso : null;
}

/** Today's date where the organisation is (not where the device is). */
export function todayIso(timeZone?: string, now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" })
    .formatToParts(now)
    .reduce<Record<string, string>>((acc, part) => ({ ...acc, [part.type]: part.value }), {});
  return `${parts.year}-${parts.month}-${parts.day}`;
}
