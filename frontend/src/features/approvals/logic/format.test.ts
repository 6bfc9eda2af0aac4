import { describe, expect, it } from "vitest";

import { formatAmount, formatLocalDateTime, formatShort, toIsoWithOffset } from "./format";

describe("formatting", () => {
  it("writes local times with the device's offset", () => {
    const date = new Date(2026, 10, 25, 9, 30);
    const iso = toIsoWithOffset(date);
    expect(iso.slice(0, 19)).toBe("2026-11-25T09:30:00");
    expect(new Date(iso).getTime()).toBe(date.getTime());
    expect(formatLocalDateTime(iso)).toBe("2026-11-25 09:30");
  });

  it("formats amounts with separators", () => {
    expect(formatAmount("12345.6")).toBe("12,345.60");
    expect(formatAmount(3, 0)).toBe("3");
    expect(formatAmount("")).toBe("");
    expect(formatAmount("x")).toBe("");
  });
});

describe("short dates", () => {
  it("reads in the organisation's zone", () => {
    expect(formatShort("2026-11-25T18:30:00Z", "en-CA", "Asia/Shanghai")).toBe("2026-11-26, 02:30");
  });
});
