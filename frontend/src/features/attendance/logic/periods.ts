// The months the close-a-month page (月结) lists: this month and the eleven before it, each closed or
// open, plus any older month that is still closed (so that it can be reopened).
import type { ClosedMonth } from "../types";
import { addMonths } from "./monthGrid";

export interface MonthRow {
  month: string;
  closed: ClosedMonth | null;
}

export function monthRows(thisMonth: string, closed: readonly ClosedMonth[], count = 12): MonthRow[] {
  const byMonth = new Map(closed.map((row) => [row.month, row]));
  const recent = Array.from({ length: count }, (_, index) => addMonths(thisMonth, -index));
  const older = closed.map((row) => row.month).filter((month) => !recent.includes(month));
  return [...recent, ...older.sort().reverse()].map((month) => ({ month, closed: byMonth.get(month) ?? null }));
}
