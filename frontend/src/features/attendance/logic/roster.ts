// The roster week grid (排班): weeks from Monday, who works which shift on which day, the cells an
// edit sends, and the problems an import reports cell by cell.
import type { Roster, RosterCell, RosterShift } from "../types";

const DAY_MS = 86_400_000;

function toUtc(iso: string): number {
  const [year, month, day] = iso.split("-").map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day);
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The day `delta` days after (or before) `iso` (YYYY-MM-DD). */
export function addDays(iso: string, delta: number): string {
  return fromUtc(toUtc(iso) + delta * DAY_MS);
}

/** The Monday of the week `iso` is in. */
export function mondayOf(iso: string): string {
  const weekday = (new Date(toUtc(iso)).getUTCDay() + 6) % 7; // 0 = Monday
  return addDays(iso, -weekday);
}

/** The seven days of the week starting on `monday`. */
export function weekDays(monday: string): string[] {
  return Array.from({ length: 7 }, (_, offset) => addDays(monday, offset));
}

/** The Monday of the week holding the first day of `month` (YYYY-MM) — the week a month switch opens. */
export function firstWeekOf(month: string): string {
  return mondayOf(`${month}-01`);
}

/** {member id: {day: shift id, or null for an explicit rest day}}; a day missing is a rest day too. */
export type RosterGrid = Record<string, Record<string, string | null>>;

export function gridFrom(roster: Pick<Roster, "members">): RosterGrid {
  const grid: RosterGrid = {};
  for (const member of roster.members) {
    grid[member.id] = Object.fromEntries(member.entries.map((entry) => [entry.day, entry.shift_id ?? null]));
  }
  return grid;
}

/** The shift a member works on `day`, or null for a rest day. */
export function shiftAt(grid: RosterGrid, memberId: string, day: string): string | null {
  return grid[memberId]?.[day] ?? null;
}

/** The grid with one cell changed (a new object: the page re-renders from it). */
export function withCell(grid: RosterGrid, memberId: string, day: string, shiftId: string | null): RosterGrid {
  return { ...grid, [memberId]: { ...grid[memberId], [day]: shiftId } };
}

/** The body of a one-cell edit. */
export function cellBody(memberId: string, day: string, shiftId: string | null): RosterCell {
  return { employee_id: memberId, day, shift_id: shiftId };
}

/** Shifts by id, to show a cell's short name and colour. */
export function shiftsById(shifts: readonly RosterShift[]): Map<string, RosterShift> {
  return new Map(shifts.map((shift) => [shift.id, shift]));
}

/** How many members work (a shift, not a rest day) on each of `days`. */
export function staffedCounts(grid: RosterGrid, memberIds: readonly string[], days: readonly string[]): number[] {
  return days.map((day) => memberIds.filter((id) => shiftAt(grid, id, day) !== null).length);
}

export interface ImportProblem {
  row: number;
  column: string;
  code: string;
  message: string;
  value: string;
}

/** The cells an import refused, from the problem document's `problems` (empty for other failures). */
export function importProblems(body: unknown): ImportProblem[] {
  const problems = (body as { problems?: unknown } | null | undefined)?.problems;
  if (!Array.isArray(problems)) return [];
  return problems.filter(
    (item): item is ImportProblem =>
      typeof item === "object" &&
      item !== null &&
      typeof (item as ImportProblem).row === "number" &&
      typeof (item as ImportProblem).column === "string" &&
      typeof (item as ImportProblem).code === "string",
  );
}

/** "S3": the spreadsheet's name for a cell. */
export function cellName(problem: Pick<ImportProblem, "row" | "column">): string {
  return `${problem.column}${problem.row}`;
}
