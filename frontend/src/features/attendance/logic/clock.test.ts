import { describe, expect, it } from "vitest";

import { clockSkewMs, dayIn, serverNow } from "./clock";

describe("clockSkewMs", () => {
  it("is device clock minus server clock", () => {
    const server = "2026-11-20T01:00:00.000Z";
    expect(clockSkewMs(server, Date.parse(server) + 1500)).toBe(1500);
    expect(clockSkewMs(server, Date.parse(server) - 90_000)).toBe(-90_000);
  });

  it("reads the server's offset notation", () => {
    expect(clockSkewMs("2026-11-20T09:00:00+08:00", Date.parse("2026-11-20T01:00:02Z"))).toBe(2000);
  });

  it("is unknown for an unreadable time", () => {
    expect(clockSkewMs("not a time", Date.now())).toBeNull();
  });
});

describe("serverNow", () => {
  it("takes the skew off the device clock", () => {
    const device = Date.parse("2026-11-20T01:00:05Z");
    expect(serverNow(5000, device).toISOString()).toBe("2026-11-20T01:00:00.000Z");
    expect(serverNow(-5000, device).toISOString()).toBe("2026-11-20T01:00:10.000Z");
  });

  it("trusts the device clock when the skew is unknown", () => {
    expect(serverNow(null, 1234).getTime()).toBe(1234);
  });
});

describe("dayIn", () => {
  it("is the day where the organisation is", () => {
    const instant = new Date("2026-11-20T17:30:00Z");
    expect(dayIn(instant, "Asia/Shanghai")).toBe("2026-11-21");
    expect(dayIn(instant, "UTC")).toBe("2026-11-20");
  });
});
