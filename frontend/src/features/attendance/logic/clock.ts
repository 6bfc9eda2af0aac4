// The device's clock against the server's. A punch sent later (from the offline queue) carries the
// time it was made on the device plus how far the device clock was off at the last answer from the
// server, so that the server can put it at the right moment on its own clock.

/** Device clock minus server clock, in ms, from an answer's `server_time` read at `receivedAtMs`. */
export function clockSkewMs(serverTime: string, receivedAtMs: number): number | null {
  const server = Date.parse(serverTime);
  return Number.isFinite(server) ? Math.round(receivedAtMs - server) : null;
}

/** What the server's clock says now, given the device's clock and the last known skew. */
export function serverNow(skewMs: number | null, deviceNowMs: number = Date.now()): Date {
  return new Date(deviceNowMs - (skewMs ?? 0));
}

/** The calendar day (YYYY-MM-DD) of an instant in a time zone (the device's when not given). */
export function dayIn(instant: Date, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" })
    .formatToParts(instant)
    .reduce<Record<string, string>>((found, part) => ({ ...found, [part.type]: part.value }), {});
  return `${parts.year}-${parts.month}-${parts.day}`;
}
