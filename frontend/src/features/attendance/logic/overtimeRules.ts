// A group's overtime rules (加班规则): per type of day where overtime comes from (approved requests,
// punches, or both) and how overtime from punches is compensated; the offset after the shift, the
// minimum, the cap and how long time off in lieu lasts. Bounds as the server checks them.
import type { GroupPolicy } from "../types";

export type OvertimeSource = GroupPolicy["overtime_workday_source"];
export type OvertimeCompensation = GroupPolicy["overtime_workday_compensation"];
export type DayType = "workday" | "rest_day" | "holiday";

export const DAY_TYPES: readonly DayType[] = ["workday", "rest_day", "holiday"];
export const SOURCES: readonly OvertimeSource[] = ["approval", "punches", "both"];
export const COMPENSATIONS: readonly OvertimeCompensation[] = ["time_off", "pay"];

export const OVERTIME_KEYS = [
  "overtime_workday_source",
  "overtime_rest_day_source",
  "overtime_holiday_source",
  "overtime_workday_compensation",
  "overtime_rest_day_compensation",
  "overtime_holiday_compensation",
  "overtime_offset_minutes",
  "overtime_minimum_minutes",
  "overtime_cap_hours",
  "in_lieu_valid_days",
] as const;
export type OvertimeKey = (typeof OVERTIME_KEYS)[number];
export type OvertimeRules = Pick<GroupPolicy, OvertimeKey>;

/** The numbers and their bounds, in the order the form shows them. */
export const OVERTIME_NUMBERS = [
  { key: "overtime_offset_minutes", min: 0, max: 720 },
  { key: "overtime_minimum_minutes", min: 0, max: 720 },
  { key: "overtime_cap_hours", min: 1, max: 24 },
  { key: "in_lieu_valid_days", min: 1, max: 730 },
] as const;

/** The server's defaults: by approval; pay on workdays and holidays, time off on rest days. */
export function defaultOvertime(): OvertimeRules {
  return {
    overtime_workday_source: "approval",
    overtime_rest_day_source: "approval",
    overtime_holiday_source: "approval",
    overtime_workday_compensation: "pay",
    overtime_rest_day_compensation: "time_off",
    overtime_holiday_compensation: "pay",
    overtime_offset_minutes: 30,
    overtime_minimum_minutes: 30,
    overtime_cap_hours: 12,
    in_lieu_valid_days: 180,
  };
}

export function pickOvertime(from: OvertimeRules): OvertimeRules {
  return Object.fromEntries(OVERTIME_KEYS.map((key) => [key, from[key]])) as OvertimeRules;
}

export const sourceKey = (day: DayType) => `overtime_${day}_source` as const;
export const compensationKey = (day: DayType) => `overtime_${day}_compensation` as const;

/** The offset only matters where a workday's overtime is counted from punches. */
export function usesOffset(rules: OvertimeRules): boolean {
  return rules.overtime_workday_source !== "approval";
}

/** Whether the day type's compensation applies: only overtime from punches alone has no request to choose it. */
export function compensationApplies(rules: OvertimeRules, day: DayType): boolean {
  return rules[sourceKey(day)] === "punches";
}
