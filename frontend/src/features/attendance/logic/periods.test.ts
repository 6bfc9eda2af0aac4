import { describe, expect, it } from "vitest";

import { monthRows } from "./periods";

const closedBy = (month: string) => ({ month, locked_by: "陈静", locked_at: "2026-11-03T10:00:00+08:00" });

describe("monthRows", () => {
  it("lists this month and the ones before it, newest first, across a new year", () => {
    expect(monthRows("2026-02", [], 4).map((row) => row.month)).toEqual(["2026-02", "2026-01", "2025-12", "2025-11"]);
  });

  it("marks the closed months and keeps older closed ones at the end", () => {
    const rows = monthRows("2026-11", [closedBy("2026-10"), closedBy("2024-03"), closedBy("2025-01")], 3);
    expect(rows.map((row) => [row.month, row.closed?.locked_by ?? null])).toEqual([
      ["2026-11", null],
      ["2026-10", "陈静"],
      ["2026-09", null],
      ["2025-01", "陈静"],
      ["2024-03", "陈静"],
    ]);
  });
});
