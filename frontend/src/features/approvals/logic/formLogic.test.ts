import { describe, expect, it } from "vitest";

import type { FieldSpec } from "../types";
import {
  computeFormulas,
  errorsByPointer,
  formDataToSend,
  localProblems,
  missingRequired,
  rangeDuration,
  roundMoney,
  tableTotals,
  validIdNumber,
  visibleFieldIds,
} from "./formLogic";

// The built-in expense form, as builtin.py defines it (with one conditional field added).
const ITEMS: FieldSpec = {
  id: "items",
  type: "table",
  label: "报销明细",
  required: true,
  columns: [
    { id: "category", type: "select", label: "费用类型", required: true, options: [{ value: "travel", label: "差旅" }] },
    { id: "amount", type: "money", label: "金额", required: true, min: 0.01 },
    { id: "note", type: "text", label: "说明" },
  ],
  totals: ["amount"],
};
const FIELDS: FieldSpec[] = [
  { id: "serial", type: "serial", label: "报销单号", prefix: "BX" },
  { id: "reason", type: "textarea", label: "事由", required: true },
  ITEMS,
  { id: "total", type: "formula", label: "报销总额", expression: "sum(items.map(r, r.amount))" },
  { id: "why_large", type: "text", label: "大额说明", required: true, visible_if: "total > 5000.0" },
  { id: "broken", type: "text", label: "坏条件", visible_if: "nosuchfield > 1" },
  { id: "intro", type: "description", label: "说明", text: "请附发票" },
];

describe("form logic", () => {
  const rows = [
    { category: "travel", amount: "4800.50", note: "机票" },
    { category: "travel", amount: "1200" },
  ];

  it("totals detail columns and computes formulas as the server does", () => {
    expect(tableTotals(ITEMS, rows)).toEqual({ amount: "6000.50" });
    expect(tableTotals(ITEMS, [])).toEqual({ amount: "0.00" });
    expect(tableTotals(ITEMS, [{ amount: "" }, { amount: "abc" }, { amount: "0.1" }, { amount: "0.2" }])).toEqual({ amount: "0.30" });
    expect(computeFormulas(FIELDS, { items: rows })).toEqual({ total: "6000.50" });
    expect(computeFormulas(FIELDS, {})).toEqual({ total: "0.00" });
    expect(roundMoney(2.675)).toBe("2.68");
    expect(roundMoney(-1.005)).toBe("-1.01");
  });

  it("shows a field when its condition holds, and when its condition cannot be evaluated", () => {
    expect([...visibleFieldIds(FIELDS, { items: rows })]).toEqual(["serial", "reason", "items", "total", "why_large", "broken", "intro"]);
    expect(visibleFieldIds(FIELDS, { items: [{ amount: "10" }] }).has("why_large")).toBe(false);
  });

  it("finds missing required values among visible, editable fields and table cells", () => {
    const visible = visibleFieldIds(FIELDS, { items: rows });
    expect(missingRequired(FIELDS, { items: [{ amount: "6000" }, {}] }, visible)).toEqual([
      "/reason",
      "/items/0/category",
      "/items/1/category",
      "/items/1/amount",
      "/why_large",
    ]);
    expect(missingRequired(FIELDS, {}, visible, { reason: "read", items: "hidden", why_large: "edit" })).toEqual(["/why_large"]);
  });

  it("sends only what this person may write: no derived, hidden, read-only or empty values", () => {
    const visible = visibleFieldIds(FIELDS, { items: [{ amount: "10" }] });
    const values = {
      serial: "BX-1",
      reason: "出差",
      items: [{ category: "travel", amount: "10", note: "" }],
      total: "10.00",
      why_large: "kept out: not visible",
      broken: "",
      intro: "x",
    };
    expect(formDataToSend(FIELDS, values, visible)).toEqual({ reason: "出差", items: [{ category: "travel", amount: "10" }] });
    expect(formDataToSend(FIELDS, values, visible, { reason: "read" })).toEqual({ items: [{ category: "travel", amount: "10" }] });
    expect(formDataToSend(FIELDS, values, visible, {}, new Set(["reason"]))).toEqual({ reason: "出差" });
    // Blank rows (an optional table starts with one) are not sent.
    expect(formDataToSend(FIELDS, { items: [{ note: "" }, {}] }, visible)).toEqual({});
    expect(formDataToSend(FIELDS, { items: [{}, { amount: "5" }] }, visible)).toEqual({ items: [{ amount: "5" }] });
  });

  it("computes range durations in days (inclusive) or hours", () => {
    const days: FieldSpec = { id: "period", type: "daterange", label: "请假时间", unit: "day" };
    const hours: FieldSpec = { id: "period", type: "daterange", label: "加班时间", unit: "hour" };
    expect(rangeDuration(days, { start: "2026-11-25", end: "2026-11-27" })).toBe(3);
    expect(rangeDuration(days, { start: "2026-11-27", end: "2026-11-25" })).toBeNull();
    expect(rangeDuration(hours, { start: "2026-11-25T09:00:00+08:00", end: "2026-11-25T11:30:00+08:00" })).toBe(2.5);
    expect(rangeDuration(hours, { start: "2026-11-25T09:00:00+08:00" })).toBeNull();
  });

  it("counts half-day ranges by halves, as the server does", () => {
    const halves: FieldSpec = { id: "period", type: "daterange", label: "请假时间", unit: "half_day" };
    const range = (start: string, startHalf: "am" | "pm", end: string, endHalf: "am" | "pm") => ({
      start,
      start_half: startHalf,
      end,
      end_half: endHalf,
    });
    expect(rangeDuration(halves, range("2026-11-23", "am", "2026-11-23", "am"))).toBe(0.5);
    expect(rangeDuration(halves, range("2026-11-23", "am", "2026-11-23", "pm"))).toBe(1);
    expect(rangeDuration(halves, range("2026-11-23", "pm", "2026-11-24", "am"))).toBe(1);
    expect(rangeDuration(halves, range("2026-11-23", "am", "2026-11-25", "pm"))).toBe(3);
    expect(rangeDuration(halves, range("2026-11-23", "pm", "2026-11-23", "am"))).toBeNull();
    expect(rangeDuration(halves, { start: "2026-11-23", end: "2026-11-23" })).toBeNull();
    const sent = formDataToSend([halves], { period: { ...range("2026-11-23", "pm", "2026-11-24", "pm"), duration: 1.5 } }, new Set(["period"]));
    expect(sent).toEqual({ period: range("2026-11-23", "pm", "2026-11-24", "pm") });
  });

  it("reads the server's field errors by pointer, from approval problems and from pydantic", () => {
    expect(
      errorsByPointer({
        errors: [
          { pointer: "/items/1/amount", code: "too_small", message: "At least 0.01." },
          { pointer: "/reason", code: "required", message: "事由 is required." },
          { pointer: "/reason", code: "too_long", message: "second message for the same field is dropped" },
          { loc: ["body", "payload", "form_data", "phone"], msg: "bad phone", type: "x" },
        ],
      }),
    ).toEqual({ "/items/1/amount": "At least 0.01.", "/reason": "事由 is required.", "/phone": "bad phone" });
    expect(errorsByPointer({ detail: "no list" })).toEqual({});
    expect(errorsByPointer(null)).toEqual({});
  });
});

describe("local checks (the server's rules, before sending)", () => {
  const fields: FieldSpec[] = [
    { id: "name", type: "text", label: "Name", required: true, max_length: 4, pattern: "[A-Z].*", pattern_message: "Capital first" },
    { id: "count", type: "number", label: "Count", min: 1, max: 10 },
    { id: "mobile", type: "phone", label: "Mobile" },
    { id: "idn", type: "id_number", label: "ID" },
    { id: "period", type: "daterange", label: "Period", unit: "day" },
    { id: "rows", type: "table", label: "Rows", columns: [{ id: "amount", type: "money", label: "Amount", required: true, min: 0.01 }] },
  ];
  const visible = new Set(fields.map((field) => field.id));

  it("validates mainland ID numbers with their checksum", () => {
    expect(validIdNumber("11010519491231002X")).toBe(true);
    expect(validIdNumber("110105194912310021")).toBe(false);
    expect(validIdNumber("1101051949123100")).toBe(false);
  });

  it("finds each problem the server would report, by pointer", () => {
    expect(
      localProblems(
        fields,
        {
          name: "abcdef",
          count: "0",
          mobile: "12345",
          idn: "110105194912310021",
          period: { start: "2026-11-27", end: "2026-11-25" },
          rows: [{ amount: "0" }, {}],
        },
        visible,
      ),
    ).toEqual({
      "/name": { code: "too_long", limit: "4" },
      "/count": { code: "too_small", limit: "1" },
      "/mobile": { code: "invalid_phone" },
      "/idn": { code: "invalid_id_number" },
      "/period": { code: "invalid_range" },
      "/rows/0/amount": { code: "too_small", limit: "0.01" },
    });
  });

  it("ignores a blank row of an optional table but not of a required one", () => {
    expect(localProblems(fields, { rows: [{}] }, visible)).toEqual({ "/name": { code: "required" } });
    const required = fields.map((field) => (field.id === "rows" ? { ...field, required: true } : field));
    expect(localProblems(required, { rows: [{}] }, visible)).toEqual({
      "/name": { code: "required" },
      "/rows/0/amount": { code: "required" },
    });
  });

  it("passes good values, and leaves read-only fields to the server", () => {
    const good = {
      name: "Ann",
      count: 10,
      mobile: "138 0000 0004",
      idn: "11010519491231002x",
      period: { start: "2026-11-25", end: "2026-11-25" },
      rows: [{ amount: "0.01" }],
    };
    expect(localProblems(fields, good, visible)).toEqual({});
    expect(localProblems(fields, { ...good, name: "ann" }, visible)).toEqual({ "/name": { code: "pattern_mismatch", limit: "Capital first" } });
    expect(localProblems(fields, { ...good, name: "" }, visible, { name: "read" })).toEqual({});
  });
});
