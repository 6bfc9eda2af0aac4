import { describe, expect, it } from "vitest";

import { isIsoDate, isoToParts, partsToIso, todayIso } from "./dates";

describe("calendar dates", () => {
  it("accepts real dates only", () => {
    expect(isIsoDate("2026-02-28")).toBe(true);
    expect(isIsoDate("2026-02-29")).toBe(false);
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2026-2-8")).toBe(false);
    expect(isIsoDate(null)).toBe(false);
  });

  it("converts between the API's string and the picker's parts", () => {
    expect(isoToParts("2026-01-05")).toEqual(["2026", "01", "05"]);
    expect(isoToParts("")).toBeNull();
    expect(partsToIso(["2026", "1", "5"])).toBe("2026-01-05");
    expect(partsToIso(["2026", "02", "30"])).toBeNull();
    expect(partsToIso(["2026"])).toBeNull();
  });

  it("takes today in the organisation's time zone", () => {
    const instant = new Date("2026-11-25T20:00:00Z");
    expect(todayIso("Asia/Shanghai", instant)).toBe("2026-11-26");
    expect(todayIso("UTC", instant)).toBe("2026-11-25");
  });
});
