// The month view's calendar: months as "YYYY-MM", the days to ask the server for, and the grid of
// weeks (Monday first) with each day's status from the server's days. Dates are calendar dates, so
// the arithmetic is done in UTC, where no day is ever 23 or 25 hours long.
import { isIsoDate } from "@/app/dates";

import type { Day, DayStatus } from "../types";

export interface MonthCell {
  /** YYYY-MM-DD. */
  date: string;
  /** The day of the month (1–31). */
  dayOfMonth: number;
  isToday: boolean;
  /** What the day came to; null when there is nothing to say yet (a future workday, or unknown). */
  status: DayStatus | null;
}

/** A week of the grid: seven places, null before the 1st and after the last day of the month. */
export type MonthWeek = (MonthCell | null)[];

const MONTH = /^(\d{4})-(\d{2})$/;

function utc(year: number, monthIndex: number, day: number): Date {
  return new Date(Date.UTC(year, monthIndex, day));
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function parts(month: string): [number, number] {
  const match = MONTH.exec(month);
  const year = Number(match?.[1]);
  const monthNumber = Number(match?.[2]);
  if (!match || monthNumber < 1 || monthNumber > 12) throw new RangeError(`not a month: ${month}`);
  return [year, monthNumber - 1];
}

export function isMonth(value: unknown): value is string {
  if (typeof value !== "string" || !MONTH.exec(value)) return false;
  const month = Number(value.slice(5));
  return month >= 1 && month <= 12;
}

/** "2026-11" for "2026-11-20". */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/** The month `delta` months after (or before) `month`. */
export function addMonths(month: string, delta: number): string {
  const [year, index] = parts(month);
  return isoDate(utc(year, index + delta, 1)).slice(0, 7);
}

/** The first and last day of the month (what /me/days is asked for). */
export function monthBounds(month: string): { since: string; until: string } {
  const [year, index] = parts(month);
  return { since: isoDate(utc(year, index, 1)), until: isoDate(utc(year, index + 1, 0)) };
}

/** Whether `date` (YYYY-MM-DD) is a day of `month`. */
export function inMonth(date: unknown, month: string): date is string {
  return isIsoDate(date) && monthOf(date) === month;
}

/** The status a day shows: days still to come show only that they are rest days. */
export function shownStatus(day: Day | undefined, today: string): DayStatus | null {
  if (!day) return null;
  if (day.day > today) return day.status === "rest" ? "rest" : null;
  return day.status;
}

/** The weeks of `month`, Monday first, each day with what the server said of it. */
export function monthGrid(month: string, days: readonly Day[], today: string): MonthWeek[] {
  const [year, index] = parts(month);
  const byDate = new Map(days.map((day) => [day.day, day]));
  const last = utc(year, index + 1, 0).getUTCDate();
  // Monday is 0 … Sunday is 6.
  const lead = (utc(year, index, 1).getUTCDay() + 6) % 7;
  const places: (MonthCell | null)[] = Array.from({ length: lead }, () => null);
  for (let dayOfMonth = 1; dayOfMonth <= last; dayOfMonth += 1) {
    const date = isoDate(utc(year, index, dayOfMonth));
    places.push({ date, dayOfMonth, isToday: date === today, status: shownStatus(byDate.get(date), today) });
  }
  while (places.length % 7) places.push(null);
  const weeks: MonthWeek[] = [];
  for (let start = 0; start < places.length; start += 7) weeks.push(places.slice(start, start + 7));
  return weeks;
}

/** "2026年11月" / "November 2026". */
export function monthTitle(month: string, locale: string): string {
  const [year, index] = parts(month);
  return new Intl.DateTimeFormat(locale, { year: "numeric", month: "long", timeZone: "UTC" }).format(utc(year, index, 1));
}

/** "11月20日 星期五" / "Friday, 20 November": a day's heading. */
export function dayTitle(date: string, locale: string): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(locale, { month: "long", day: "numeric", weekday: "long", timeZone: "UTC" }).format(
    utc(year, month - 1, day),
  );
}
