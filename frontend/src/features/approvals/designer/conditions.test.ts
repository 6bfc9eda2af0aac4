import { describe, expect, it } from "vitest";

import { compileRule, compileRules, conditionSubjects, newRule, subjectKind } from "./conditions";
import type { FormField } from "./model";

const fields: FormField[] = [
  { id: "amount", type: "money", label: "金额" },
  { id: "kind", type: "select", label: "类别", options: [{ value: "travel", label: "差旅" }] },
  { id: "tags", type: "multiselect", label: "标签", options: [{ value: "a", label: "A" }] },
  { id: "reason", type: "text", label: "事由" },
  { id: "day", type: "date", label: "日期" },
  { id: "leave", type: "daterange", label: "请假时间" },
  { id: "owner", type: "person", label: "负责人" },
  { id: "files", type: "attachment", label: "附件" },
];

describe("subjects", () => {
  it("offers the fields that can be compared", () => {
    expect(conditionSubjects(fields).map((f) => f.id)).toEqual(["amount", "kind", "tags", "reason", "day", "leave", "owner"]);
    expect(subjectKind("submitter.role", fields)).toBe("ids");
    expect(subjectKind("files", fields)).toBeNull();
  });

  it("starts a rule with the first operator of its kind", () => {
    expect(newRule("amount", fields)).toEqual({ subject: "amount", op: "gt", value: "" });
    expect(newRule("submitter.department", fields)).toEqual({ subject: "submitter.department", op: "in", value: [] });
  });
});

describe("compileRule", () => {
  it("compares numbers, and a date range by its duration", () => {
    expect(compileRule({ subject: "amount", op: "gt", value: "1000" }, fields)).toBe("amount > 1000");
    expect(compileRule({ subject: "amount", op: "lte", value: " 2.50 " }, fields)).toBe("amount <= 2.5");
    expect(compileRule({ subject: "leave", op: "gte", value: "3" }, fields)).toBe("leave.duration >= 3");
    expect(compileRule({ subject: "amount", op: "gt", value: "abc" }, fields)).toBeNull();
    expect(compileRule({ subject: "amount", op: "gt", value: "" }, fields)).toBeNull();
  });

  it("quotes text safely", () => {
    expect(compileRule({ subject: "reason", op: "contains", value: 'say "hi"' }, fields)).toBe('reason.contains("say \\"hi\\"")');
    expect(compileRule({ subject: "day", op: "lt", value: "2026-12-01" }, fields)).toBe('day < "2026-12-01"');
  });

  it("tests choices", () => {
    expect(compileRule({ subject: "kind", op: "eq", value: "travel" }, fields)).toBe('kind == "travel"');
    expect(compileRule({ subject: "kind", op: "in", value: ["travel", "other"] }, fields)).toBe('kind in ["travel", "other"]');
    expect(compileRule({ subject: "tags", op: "contains", value: ["a"] }, fields)).toBe('"a" in tags');
    expect(compileRule({ subject: "tags", op: "contains_any", value: ["a", "b"] }, fields)).toBe('("a" in tags || "b" in tags)');
  });

  it("tests people and the submitter's department, role and position", () => {
    expect(compileRule({ subject: "owner", op: "in", value: ["p-1"] }, fields)).toBe('"p-1" in owner');
    expect(
      compileRule({ subject: "submitter.department", op: "in", value: ["0190aaaa-bbbb-7ccc-8ddd-eeeeffff0000"] }, fields),
    ).toBe('"0190aaaabbbb7ccc8dddeeeeffff0000" in submitter.departments');
    expect(compileRule({ subject: "submitter.role", op: "not_in", value: ["finance", "hr"] }, fields)).toBe(
      '!("finance" in submitter.roles || "hr" in submitter.roles)',
    );
    expect(compileRule({ subject: "submitter.position", op: "in", value: ["CASHIER"] }, fields)).toBe('"CASHIER" in submitter.positions');
  });

  it("ignores unknown subjects and operators", () => {
    expect(compileRule({ subject: "nope", op: "gt", value: "1" }, fields)).toBeNull();
    expect(compileRule({ subject: "amount", op: "contains", value: "1" }, fields)).toBeNull();
  });
});

describe("compileRules", () => {
  it("joins complete rules with AND or OR, bracketing alternatives", () => {
    const rules = [
      { subject: "amount", op: "gt", value: "1000" },
      { subject: "tags", op: "contains_any", value: ["a", "b"] },
      { subject: "kind", op: "eq", value: "" },
    ];
    expect(compileRules({ join: "and", rules }, fields)).toBe('amount > 1000 && ("a" in tags || "b" in tags)');
    expect(compileRules({ join: "or", rules: rules.slice(0, 1) }, fields)).toBe("amount > 1000");
    expect(compileRules({ join: "or", rules: [] }, fields)).toBe("");
  });
});
