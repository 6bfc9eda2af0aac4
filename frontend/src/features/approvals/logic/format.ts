// Small formatting helpers for approval values.

/** "2026-11-25T09:30:00+08:00" for a Date, in this device's offset. */
export function toIsoWithOffset(date: Date): string {
  const pad = (n: number) => String(Math.abs(n)).padStart(2, "0");
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:00${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`
  );
}

/** "2026-11-25 09:30" in this device's time, for display. */
export function formatLocalDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return toIsoWithOffset(date).slice(0, 16).replace("T", " ");
}

/** Thousands separators and fixed decimals: 12345.6 → "12,345.60". */
export function formatAmount(value: unknown, decimals = 2): string {
  const number = Number(value);
  if (value === "" || value === null || value === undefined || !Number.isFinite(number)) return "";
  return number.toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** Month, day and time in the organisation's zone: short enough for a list row or a timeline. */
export function formatShort(iso: string, locale: string, timeZone: string | undefined): string {
  return new Intl.DateTimeFormat(locale, {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone,
  }).format(new Date(iso));
}
