import { describe, expect, it } from "vitest";

import { DEFAULT_FILTERS, employeeQuery, filtersFromRouteQuery, filtersToRouteQuery, isFiltered } from "./filters";

describe("employeeQuery", () => {
  it("asks for the defaults by leaving them out", () => {
    expect(employeeQuery({ ...DEFAULT_FILTERS }, null, 50)).toEqual({ limit: 50 });
  });

  it("sends every filter that narrows the list, trimmed", () => {
    expect(
      employeeQuery({ q: "  zw ", departmentId: "d1", status: "probation", positionId: "p1" }, "next", 20),
    ).toEqual({ q: "zw", department: "d1", status: "probation", position: "p1", cursor: "next", limit: 20 });
  });

  it("sends an explicit status other than the default", () => {
    expect(employeeQuery({ ...DEFAULT_FILTERS, status: "all" }, null, 50)).toEqual({ status: "all", limit: 50 });
    expect(employeeQuery({ ...DEFAULT_FILTERS, q: "   " }, null, 50)).toEqual({ limit: 50 });
  });
});

describe("filters in the URL", () => {
  it("round-trips", () => {
    const filters = { q: "li", departmentId: "d1", status: "resigned" as const, positionId: "p9" };
    const query = filtersToRouteQuery(filters);
    expect(query).toEqual({ q: "li", department: "d1", status: "resigned", position: "p9" });
    expect(filtersFromRouteQuery(query as Record<string, string>)).toEqual(filters);
  });

  it("keeps the URL clean for the defaults and ignores what it does not know", () => {
    expect(filtersToRouteQuery({ ...DEFAULT_FILTERS })).toEqual({});
    expect(filtersFromRouteQuery({ status: "fired", department: "", q: ["a", "b"] })).toEqual({
      q: "a",
      departmentId: null,
      status: "current",
      positionId: null,
    });
  });

  it("says whether anything is filtered", () => {
    expect(isFiltered({ ...DEFAULT_FILTERS })).toBe(false);
    expect(isFiltered({ ...DEFAULT_FILTERS, status: "all" })).toBe(true);
    expect(isFiltered({ ...DEFAULT_FILTERS, q: "x" })).toBe(true);
  });
});
