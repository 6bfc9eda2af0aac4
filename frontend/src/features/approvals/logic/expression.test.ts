import { describe, expect, it } from "vitest";

import { evaluate, ExpressionError, truthy } from "./expression";

describe("expressions", () => {
  const items = [
    { amount: 1200.5, kind: "travel" },
    { amount: 300, kind: "meal" },
  ];

  it("compares form values as conditions do", () => {
    expect(truthy("amount > 5000", { amount: 6000 })).toBe(true);
    expect(truthy("amount > 5000 && kind == 'travel'", { amount: 6000, kind: "other" })).toBe(false);
    expect(truthy("kind in ['travel', \"meal\"] || !(days >= 3)", { kind: "x", days: 1 })).toBe(true);
  });

  it("computes formulas over detail rows", () => {
    expect(evaluate("sum(items.map(r, r.amount))", { items })).toBe(1500.5);
    expect(evaluate("items.filter(r, r.kind == 'meal').size()", { items })).toBe(1);
    expect(evaluate("size(items) * 2 + 1", { items })).toBe(5);
    expect(evaluate("items.exists(r, r.amount > 1000) ? 'big' : 'small'", { items })).toBe("big");
    expect(evaluate("submitter.department", { submitter: { department: "FE" } })).toBe("FE");
  });

  it("applies precedence: * before +, comparison before &&", () => {
    expect(evaluate("1 + 2 * 3", {})).toBe(7);
    expect(evaluate("(1 + 2) * 3", {})).toBe(9);
    expect(evaluate("1 < 2 && 3 > 2", {})).toBe(true);
    expect(evaluate("-2 - -3", {})).toBe(1);
  });

  it("refuses what CEL refuses", () => {
    expect(() => evaluate("unknown > 1", {})).toThrow(ExpressionError);
    expect(() => truthy("1 + 1", {})).toThrow(ExpressionError);
    expect(() => evaluate("'a' * 2", {})).toThrow(ExpressionError);
    expect(() => evaluate("1 +", {})).toThrow(ExpressionError);
    expect(() => evaluate("a && true", { a: 1 })).toThrow(ExpressionError);
  });
});
