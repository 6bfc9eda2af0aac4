import { describe, expect, it } from "vitest";

import type { Day, DayStatus } from "../types";
import { addMonths, dayTitle, inMonth, isMonth, monthBounds, monthGrid, monthOf, monthTitle, shownStatus } from "./monthGrid";

function day(date: string, status: DayStatus): Day {
  return { day: date, status, slots: [], late_minutes: 0, early_minutes: 0 };
}

describe("months", () => {
  it("steps across years and knows each month's length", () => {
    expect(addMonths("2026-11", 1)).toBe("2026-12");
    expect(addMonths("2026-12", 1)).toBe("2027-01");
    expect(addMonths("2026-01", -1)).toBe("2025-12");
    expect(monthBounds("2026-02")).toEqual({ since: "2026-02-01", until: "2026-02-28" });
    expect(monthBounds("2028-02")).toEqual({ since: "2028-02-01", until: "2028-02-29" });
    expect(monthBounds("2026-12")).toEqual({ since: "2026-12-01", until: "2026-12-31" });
    expect(monthOf("2026-11-20")).toBe("2026-11");
  });

  it("reads a month and a day of it from the address, nothing else", () => {
    expect(isMonth("2026-11")).toBe(true);
    expect(isMonth("2026-13")).toBe(false);
    expect(isMonth("2026-1")).toBe(false);
    expect(isMonth(["2026-11"])).toBe(false);
    expect(inMonth("2026-11-30", "2026-11")).toBe(true);
    expect(inMonth("2026-11-31", "2026-11")).toBe(false);
    expect(inMonth("2026-12-01", "2026-11")).toBe(false);
    expect(inMonth(undefined, "2026-11")).toBe(false);
  });

  it("names months and days in the user's language", () => {
    expect(monthTitle("2026-11", "zh-CN")).toBe("2026年11月");
    expect(monthTitle("2026-11", "en")).toBe("November 2026");
    expect(dayTitle("2026-11-20", "zh-CN")).toBe("11月20日星期五");
    expect(dayTitle("2026-11-20", "en")).toBe("Friday, November 20");
  });
});

describe("monthGrid", () => {
  // November 2026 starts on a Sunday and has 30 days.
  const days = [
    day("2026-11-02", "normal"),
    day("2026-11-03", "abnormal"),
    day("2026-11-04", "absent"),
    day("2026-11-07", "rest"),
    day("2026-11-20", "pending"),
    day("2026-11-21", "rest"),
    day("2026-11-23", "pending"),
  ];

  it("lays the month out in weeks from Monday, blank outside the month", () => {
    const weeks = monthGrid("2026-11", days, "2026-11-20");
    expect(weeks).toHaveLength(6);
    expect(weeks.every((week) => week.length === 7)).toBe(true);
    expect(weeks[0]?.slice(0, 6)).toEqual([null, null, null, null, null, null]);
    expect(weeks[0]?.[6]).toMatchObject({ date: "2026-11-01", dayOfMonth: 1 });
    expect(weeks[5]?.[0]).toMatchObject({ date: "2026-11-30", dayOfMonth: 30 });
    expect(weeks[5]?.slice(1)).toEqual([null, null, null, null, null, null]);
    const cells = weeks.flat().filter((cell) => cell !== null);
    expect(cells).toHaveLength(30);
    expect(cells.filter((cell) => cell.isToday).map((cell) => cell.date)).toEqual(["2026-11-20"]);
  });

  it("marks each day with the server's status, and days to come only as rest days", () => {
    const cells = new Map(
      monthGrid("2026-11", days, "2026-11-20")
        .flat()
        .filter((cell) => cell !== null)
        .map((cell) => [cell.date, cell.status]),
    );
    expect(cells.get("2026-11-02")).toBe("normal");
    expect(cells.get("2026-11-03")).toBe("abnormal");
    expect(cells.get("2026-11-04")).toBe("absent");
    expect(cells.get("2026-11-07")).toBe("rest");
    expect(cells.get("2026-11-20")).toBe("pending");
    expect(cells.get("2026-11-21")).toBe("rest");
    expect(cells.get("2026-11-23")).toBeNull();
    expect(cells.get("2026-11-05")).toBeNull(); // not in the answer
  });

  it("fits a month that starts on a Monday into whole weeks", () => {
    // June 2026 starts on a Monday: five weeks, the first one full.
    const weeks = monthGrid("2026-06", [], "2026-11-20");
    expect(weeks).toHaveLength(5);
    expect(weeks[0]?.[0]).toMatchObject({ date: "2026-06-01" });
    expect(weeks[4]?.slice(2)).toEqual([null, null, null, null, null]);
  });

  it("says nothing of an unknown day", () => {
    expect(shownStatus(undefined, "2026-11-20")).toBeNull();
    expect(shownStatus(day("2026-11-19", "absent"), "2026-11-20")).toBe("absent");
  });
});
