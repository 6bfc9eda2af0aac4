import { describe, expect, it } from "vitest";

import en from "../i18n/en";
import zhCN from "../i18n/zh-CN";
import type { Balance, EntryKind, LeaveType } from "../types";
import { direction, formatAmount, kindKey, quantityText, signedAmount, splitBalances, unitKey } from "./amounts";

function translator(messages: Record<string, unknown>) {
  const lookup = (key: string): string => {
    const value = key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], {
      leave: messages,
    });
    return typeof value === "string" ? value : key;
  };
  return {
    t: (key: string, named?: Record<string, unknown>) =>
      lookup(key).replace(/\{(\w+)\}/g, (_, name: string) => String(named?.[name] ?? "")),
  };
}

const zh = translator(zhCN);
const english = translator(en);

function balance(code: string, tracked: boolean, amounts: Partial<Balance> = {}): Balance {
  const type: LeaveType = { code, name: code, unit: "day", tracked, paid: true, carry_over_max: "0.00", carry_over_months: 3, accrual: "yearly" };
  return { leave_type: type, balance: "0.00", granted: "0.00", used: "0.00", ...amounts };
}

describe("formatAmount", () => {
  it.each([
    ["10.00", "10"],
    ["3.50", "3.5"],
    ["0.25", "0.25"],
    ["-2.00", "-2"],
    ["-0.00", "0"],
    ["0", "0"],
    [1.5, "1.5"],
    ["nonsense", "0"],
  ])("%s → %s", (value, expected) => {
    expect(formatAmount(value)).toBe(expected);
  });
});

describe("signedAmount", () => {
  it("shows a plus on what adds, a minus on what takes, nothing on zero", () => {
    expect(signedAmount("2.00")).toBe("+2");
    expect(signedAmount("-1.50")).toBe("-1.5");
    expect(signedAmount("0.00")).toBe("0");
  });

  it("says which way an entry went", () => {
    expect(direction("2.00")).toBe("plus");
    expect(direction("-0.50")).toBe("minus");
    expect(direction("0.00")).toBe("zero");
  });
});

describe("unit words", () => {
  it("counts half days in days and hours in hours, singular for exactly one", () => {
    expect(unitKey("day", "10.00")).toBe("leave.unit.day");
    expect(unitKey("half_day", "0.50")).toBe("leave.unit.day");
    expect(unitKey("day", "1.00")).toBe("leave.unit.dayOne");
    expect(unitKey("day", "-1.00")).toBe("leave.unit.dayOne");
    expect(unitKey("hour", "3.50")).toBe("leave.unit.hour");
    expect(unitKey("hour", "1")).toBe("leave.unit.hourOne");
  });

  it("reads as 年假 10 天 / 调休 3.5 小时 in Chinese", () => {
    expect(quantityText("10.00", "day", zh)).toBe("10 天");
    expect(quantityText("3.50", "hour", zh)).toBe("3.5 小时");
    expect(quantityText("0.50", "half_day", zh)).toBe("0.5 天");
    expect(quantityText("2.00", "day", zh, { signed: true })).toBe("+2 天");
  });

  it("reads in English with the plural when it is not one", () => {
    expect(quantityText("10.00", "day", english)).toBe("10 days");
    expect(quantityText("1.00", "day", english)).toBe("1 day");
    expect(quantityText("3.50", "hour", english)).toBe("3.5 hours");
    expect(quantityText("-1.00", "hour", english, { signed: true })).toBe("-1 hour");
  });
});

describe("kind words", () => {
  const kinds: EntryKind[] = ["grant", "use", "expire", "adjust", "carry_over", "reverse"];

  it("has a word for every kind of entry in both languages", () => {
    expect(kinds.map((kind) => zh.t(kindKey(kind)))).toEqual(["发放", "使用", "过期", "调整", "结转", "撤销"]);
    expect(kinds.map((kind) => english.t(kindKey(kind)))).toEqual([
      "Granted",
      "Used",
      "Expired",
      "Adjusted",
      "Carried over",
      "Given back",
    ]);
  });
});

describe("splitBalances", () => {
  it("puts the types with a balance apart from the others, keeping the server's order", () => {
    const all = [balance("annual", true), balance("personal", false), balance("compensatory", true), balance("sick", false)];
    const { tracked, untracked } = splitBalances(all);
    expect(tracked.map((item) => item.leave_type.code)).toEqual(["annual", "compensatory"]);
    expect(untracked.map((item) => item.leave_type.code)).toEqual(["personal", "sick"]);
    expect(splitBalances([])).toEqual({ tracked: [], untracked: [] });
  });
});
