import { describe, expect, it } from "vitest";

import { adjustmentBody, adjustProblems, emptyAdjustForm, type AdjustFormValues } from "./adjustForm";

const valid: AdjustFormValues = { leaveType: "annual", direction: "add", amount: "2", reason: "入职补发" };

describe("adjustProblems", () => {
  it("accepts a type, an amount and a reason", () => {
    expect(adjustProblems(valid)).toEqual({});
    expect(adjustProblems({ ...valid, amount: "0.5" })).toEqual({});
    expect(adjustProblems({ ...valid, amount: "365" })).toEqual({});
  });

  it("wants every field of a new form", () => {
    expect(adjustProblems(emptyAdjustForm())).toEqual({ leaveType: "leaveType", amount: "amount", reason: "reason" });
  });

  it.each(["0", "0.00", "366", "1.234", "-2", "abc", "", " "])("refuses the amount %j", (amount) => {
    expect(adjustProblems({ ...valid, amount })).toEqual({ amount: "amount" });
  });

  it("wants a reason of at most 200 characters", () => {
    expect(adjustProblems({ ...valid, reason: "   " })).toEqual({ reason: "reason" });
    expect(adjustProblems({ ...valid, reason: "x".repeat(201) })).toEqual({ reason: "reasonTooLong" });
  });
});

describe("adjustmentBody", () => {
  it("adds or takes, with the reason trimmed", () => {
    expect(adjustmentBody({ ...valid, reason: " 入职补发 " })).toEqual({
      leave_type: "annual",
      amount: "2",
      reason: "入职补发",
    });
    expect(adjustmentBody({ ...valid, direction: "deduct", amount: "1.5" }).amount).toBe("-1.5");
  });
});
