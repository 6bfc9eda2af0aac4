// HR's adjustment of a balance: a tracked type, how much to add or take (in the type's unit, at most
// 365, two decimals) and why. Checked here first, so that the form says what is wrong next to it.
import type { Adjustment } from "../types";

export const MAX_ADJUSTMENT = 365;
export const REASON_MAX_LENGTH = 200;
const AMOUNT = /^\d{1,3}(\.\d{1,2})?$/;

export type AdjustDirection = "add" | "deduct";

export interface AdjustFormValues {
  leaveType: string;
  direction: AdjustDirection;
  /** As typed: a positive number; the direction gives its sign. */
  amount: string;
  reason: string;
}

export type AdjustProblem = "leaveType" | "amount" | "reason" | "reasonTooLong";

export function emptyAdjustForm(leaveType = ""): AdjustFormValues {
  return { leaveType, direction: "add", amount: "", reason: "" };
}

/** The i18n keys (leave.adjust.problems.<problem>) of what is wrong, field by field; empty when valid. */
export function adjustProblems(values: AdjustFormValues): Partial<Record<keyof AdjustFormValues, AdjustProblem>> {
  const problems: Partial<Record<keyof AdjustFormValues, AdjustProblem>> = {};
  if (!values.leaveType) problems.leaveType = "leaveType";
  const amount = values.amount.trim();
  const number = Number.parseFloat(amount);
  if (!AMOUNT.test(amount) || number <= 0 || number > MAX_ADJUSTMENT) problems.amount = "amount";
  const reason = values.reason.trim();
  if (!reason) problems.reason = "reason";
  else if (reason.length > REASON_MAX_LENGTH) problems.reason = "reasonTooLong";
  return problems;
}

/** What the server wants: the signed amount as a decimal string. */
export function adjustmentBody(values: AdjustFormValues): Adjustment {
  const amount = values.amount.trim();
  return {
    leave_type: values.leaveType,
    amount: values.direction === "deduct" ? `-${amount}` : amount,
    reason: values.reason.trim(),
  };
}
