import { describe, expect, it } from "vitest";

import { addDays, daySpan, exportUrl, hours, leaveText, overtimeTotal, percent, readFilters, reportParams, writeFilters } from "./reports";

const TODAY = "2026-11-26";

describe("readFilters", () => {
  it("falls back to this month and today", () => {
    expect(readFilters({}, TODAY)).toEqual({
      tab: "monthly",
      month: "2026-11",
      since: TODAY,
      until: TODAY,
      department: null,
      person: null,
    });
  });

  it("reads a shared address and mends what it cannot use", () => {
    expect(
      readFilters({ tab: "daily", month: "2026-13", since: "2026-10-20", until: "2026-10-12", department: "d1" }, TODAY),
    ).toEqual({
      tab: "daily",
      month: "2026-11",
      since: "2026-10-12",
      until: "2026-10-20",
      department: "d1",
      person: null,
    });
    expect(readFilters({ tab: "weekly", since: "2026-10-01", until: "2026-12-31" }, TODAY)).toMatchObject({
      tab: "monthly",
      since: "2026-10-01",
      until: "2026-10-31",
    });
  });

  it("round-trips through the address, which keeps only what differs from the defaults", () => {
    const filters = readFilters({ tab: "departments", month: "2026-10", department: "d1" }, TODAY);
    expect(writeFilters(filters, TODAY)).toEqual({ tab: "departments", month: "2026-10", department: "d1" });
    expect(readFilters(writeFilters(filters, TODAY), TODAY)).toEqual(filters);
    expect(writeFilters(readFilters({}, TODAY), TODAY)).toEqual({});
  });
});

describe("dates", () => {
  it("counts and adds days across months", () => {
    expect(daySpan("2026-10-01", "2026-10-31")).toBe(31);
    expect(daySpan("2026-10-31", "2026-11-01")).toBe(2);
    expect(daySpan("2026-10-02", "2026-10-01")).toBe(0);
    expect(addDays("2026-10-31", 1)).toBe("2026-11-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });
});

describe("the API calls and downloads", () => {
  const filters = readFilters(
    { month: "2026-10", since: "2026-10-12", until: "2026-10-13", department: "d1", person: "p1" },
    TODAY,
  );

  it("asks each report for its own filters", () => {
    expect(reportParams(filters, "monthly")).toEqual({ month: "2026-10", department_id: "d1" });
    expect(reportParams(filters, "departments")).toEqual({ month: "2026-10", department_id: "d1" });
    expect(reportParams(filters, "daily")).toEqual({
      since: "2026-10-12",
      until: "2026-10-13",
      department_id: "d1",
      employee_id: "p1",
    });
  });

  it("builds the export addresses", () => {
    expect(exportUrl(filters, "xlsx", "monthly")).toBe(
      "/api/v1/attendance/reports/monthly/export?month=2026-10&department_id=d1&format=xlsx",
    );
    expect(exportUrl(filters, "csv", "daily")).toBe(
      "/api/v1/attendance/reports/daily/export?since=2026-10-12&until=2026-10-13&department_id=d1&employee_id=p1&format=csv",
    );
    expect(exportUrl({ ...filters, department: null }, "csv", "departments")).toBe(
      "/api/v1/attendance/reports/departments/export?month=2026-10&format=csv",
    );
  });
});

describe("numbers", () => {
  it("writes rates with one decimal and hours without trailing zeros", () => {
    expect([percent(0.9545, "en"), percent(0, "en"), percent(1, "zh-CN")]).toEqual(["95.5%", "0.0%", "100.0%"]);
    expect([hours("2.50"), hours("0.00"), hours("12.25"), hours(7)]).toEqual(["2.5", "0", "12.25", "7"]);
    expect(overtimeTotal({ workday: "2.50", rest_day: "4.00", holiday: "2.00" })).toBe("8.5");
  });
});

describe("leaveText", () => {
  const names = { annual: "年假", personal: "事假" };

  it("names each type of leave taken, in the report's order", () => {
    expect(leaveText({ annual: "1.00", personal: "0.50" }, names)).toBe("年假 1 · 事假 0.5");
  });

  it("falls back to the code and leaves out nothing-taken types", () => {
    expect(leaveText({ nursing: "2.00", annual: "0.00" }, names)).toBe("nursing 2");
    expect(leaveText({}, names)).toBe("—");
  });
});
