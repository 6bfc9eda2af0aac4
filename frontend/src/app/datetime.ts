// Dates and times are shown in the organisation's time zone (from /me), whatever the device's zone.
export function formatDateTime(iso: string, locale: string, timeZone: string | undefined): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "medium", timeZone }).format(
    new Date(iso),
  );
}
