import { describe, expect, it } from "vitest";

import type { OrgImport } from "@/api/types";

import { exportUrl, importChoices, importErrorsUrl } from "./transfer";

function report(summary: OrgImport["summary"], status: OrgImport["status"] = "checked"): OrgImport {
  return {
    id: "i1",
    kind: "employees",
    file_name: "people.xlsx",
    status,
    summary,
    rows: [],
    errors: [],
    created_at: "2026-11-26T08:00:00Z",
    applied_at: null,
  };
}

describe("spreadsheet transfer", () => {
  it("builds the download addresses", () => {
    expect(exportUrl("employees", "xlsx")).toBe("/api/v1/org/exports/employees?format=xlsx");
    expect(exportUrl("departments", "csv")).toBe("/api/v1/org/exports/departments?format=csv");
    expect(importErrorsUrl("employees", "i1")).toBe("/api/v1/org/imports/employees/i1/errors.csv");
  });

  it("offers to apply everything only when no row has an error", () => {
    expect(importChoices(report({ create: 2, update: 1, unchanged: 5, error: 0 }))).toEqual({
      applyAll: true,
      applyValid: false,
      nothingToDo: false,
    });
    expect(importChoices(report({ create: 2, update: 0, unchanged: 0, error: 3 }))).toEqual({
      applyAll: false,
      applyValid: true,
      nothingToDo: false,
    });
  });

  it("has nothing to offer when nothing would change, or once applied", () => {
    expect(importChoices(report({ create: 0, update: 0, unchanged: 4, error: 1 })).nothingToDo).toBe(true);
    expect(importChoices(report({ create: 1, update: 0, unchanged: 0, error: 0 }, "applied"))).toEqual({
      applyAll: false,
      applyValid: false,
      nothingToDo: false,
    });
  });
});
