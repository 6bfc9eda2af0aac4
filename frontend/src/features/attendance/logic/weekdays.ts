// Weekday names in the user's language, Monday first, as ISO numbers them (1 = Monday … 7 = Sunday).

/** The names of ISO weekdays 1–7 ("一" … "日" narrow, "周一" … "周日" short; "M" … / "Mon" … in English). */
export function weekdayNames(locale: string, width: "narrow" | "short" = "short"): string[] {
  // 2024-01-01 was a Monday.
  const format = new Intl.DateTimeFormat(locale, { weekday: width, timeZone: "UTC" });
  return Array.from({ length: 7 }, (_, offset) => format.format(new Date(Date.UTC(2024, 0, 1 + offset))));
}
