import { describe, expect, it } from "vitest";

import { compensationApplies, defaultOvertime, pickOvertime, usesOffset } from "./overtimeRules";

describe("overtime rules", () => {
  it("pick only the overtime fields of a group", () => {
    const group = { ...defaultOvertime(), name: "研发考勤", overtime_cap_hours: 4 };
    expect(pickOvertime(group)).toEqual({ ...defaultOvertime(), overtime_cap_hours: 4 });
  });

  it.each([
    ["approval", false],
    ["punches", true],
    ["both", true],
  ] as const)("use the offset when workdays count %s: %s", (source, expected) => {
    expect(usesOffset({ ...defaultOvertime(), overtime_workday_source: source })).toBe(expected);
  });

  it.each([
    ["approval", false],
    ["punches", true],
    ["both", false],
  ] as const)("apply the compensation when rest days count %s: %s", (source, expected) => {
    expect(compensationApplies({ ...defaultOvertime(), overtime_rest_day_source: source }, "rest_day")).toBe(expected);
  });
});
