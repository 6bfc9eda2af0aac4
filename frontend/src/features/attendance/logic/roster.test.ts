import { describe, expect, it } from "vitest";

import {
  addDays,
  cellBody,
  cellName,
  firstWeekOf,
  gridFrom,
  importProblems,
  mondayOf,
  shiftAt,
  staffedCounts,
  weekDays,
  withCell,
} from "./roster";

describe("weeks", () => {
  it("start on Monday, across months and years", () => {
    expect(mondayOf("2026-11-26")).toBe("2026-11-23");
    expect(mondayOf("2026-11-23")).toBe("2026-11-23");
    expect(mondayOf("2026-11-29")).toBe("2026-11-23"); // a Sunday
    expect(mondayOf("2027-01-01")).toBe("2026-12-28");
    expect(weekDays("2026-12-28")).toEqual([
      "2026-12-28",
      "2026-12-29",
      "2026-12-30",
      "2026-12-31",
      "2027-01-01",
      "2027-01-02",
      "2027-01-03",
    ]);
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(firstWeekOf("2026-12")).toBe("2026-11-30");
  });
});

describe("the grid", () => {
  const roster = {
    members: [
      { id: "e1", name: "李娜", employee_number: "T1", department: "前端组", entries: [{ day: "2026-11-23", shift_id: "s1" }, { day: "2026-11-24", shift_id: null }] },
      { id: "e2", name: "王芳", employee_number: "T2", department: "前端组", entries: [] },
    ],
  };

  it("reads entries, with a missing day as a rest day", () => {
    const grid = gridFrom(roster);
    expect([shiftAt(grid, "e1", "2026-11-23"), shiftAt(grid, "e1", "2026-11-24"), shiftAt(grid, "e2", "2026-11-23")]).toEqual(["s1", null, null]);
    expect(shiftAt(grid, "nobody", "2026-11-23")).toBeNull();
  });

  it("changes one cell without touching the others, and counts who works each day", () => {
    const grid = gridFrom(roster);
    const changed = withCell(grid, "e2", "2026-11-24", "s2");
    expect(changed).toEqual({ e1: { "2026-11-23": "s1", "2026-11-24": null }, e2: { "2026-11-24": "s2" } });
    expect(grid.e2).toEqual({});
    expect(staffedCounts(changed, ["e1", "e2"], ["2026-11-23", "2026-11-24", "2026-11-25"])).toEqual([1, 1, 0]);
    expect(cellBody("e2", "2026-11-24", null)).toEqual({ employee_id: "e2", day: "2026-11-24", shift_id: null });
  });
});

describe("import problems", () => {
  it("are read from the problem document, cell by cell", () => {
    const body = {
      code: "invalid_roster_file",
      problems: [
        { row: 3, column: "S", code: "unknown_shift", message: "No such shift.", value: "中班" },
        { row: "x", column: "A" },
      ],
    };
    const problems = importProblems(body);
    expect(problems).toEqual([{ row: 3, column: "S", code: "unknown_shift", message: "No such shift.", value: "中班" }]);
    expect(cellName(problems[0]!)).toBe("S3");
    expect(importProblems({ code: "not_a_roster" })).toEqual([]);
    expect(importProblems(undefined)).toEqual([]);
  });
});
