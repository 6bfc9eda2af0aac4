// Leave amounts as people read them: "10 days", "3.5 hours", "+2", in the type's unit. The server
// sends decimals as strings with two places ("10.00"); the trailing zeros go.
import type { Balance, EntryKind, LeaveUnit } from "../types";

export interface Translate {
  t: (key: string, named?: Record<string, unknown>) => string;
}

function numberOf(value: string | number): number {
  const parsed = typeof value === "number" ? value : Number.parseFloat(value);
  return Number.isFinite(parsed) ? parsed : 0;
}

/** "10.00" → "10", "3.50" → "3.5", "-0.00" → "0" (at most two decimals). */
export function formatAmount(value: string | number): string {
  const rounded = Math.round(numberOf(value) * 100) / 100;
  return String(rounded === 0 ? 0 : rounded);
}

/** With its sign, as a ledger shows a change: "+2", "-1.5", "0". */
export function signedAmount(value: string | number): string {
  const text = formatAmount(value);
  return numberOf(text) > 0 ? `+${text}` : text;
}

/** Days (whole or half) or hours; "1 day" but "2 days" (the i18n key of the word). */
export function unitKey(unit: LeaveUnit, amount: string | number): string {
  const word = unit === "hour" ? "hour" : "day";
  return Math.abs(numberOf(formatAmount(amount))) === 1 ? `leave.unit.${word}One` : `leave.unit.${word}`;
}

/** "10 天" / "10 days"; with `signed`, "+2 days". */
export function quantityText(
  amount: string | number,
  unit: LeaveUnit,
  { t }: Translate,
  options: { signed?: boolean } = {},
): string {
  const number = options.signed ? signedAmount(amount) : formatAmount(amount);
  return t("leave.quantity", { amount: number, unit: t(unitKey(unit, amount)) });
}

/** The i18n key of what a history entry was: granted, used, expired… */
export function kindKey(kind: EntryKind): string {
  return `leave.kind.${kind}`;
}

/** Whether an entry added to or took from the balance (for its colour). */
export function direction(amount: string | number): "plus" | "minus" | "zero" {
  const number = numberOf(formatAmount(amount));
  return number > 0 ? "plus" : number < 0 ? "minus" : "zero";
}

/** Types with a balance (annual leave, time off in lieu) apart from those only counted as used. */
export function splitBalances(balances: readonly Balance[]): { tracked: Balance[]; untracked: Balance[] } {
  return {
    tracked: balances.filter((balance) => balance.leave_type.tracked),
    untracked: balances.filter((balance) => !balance.leave_type.tracked),
  };
}
