import { describe, expect, it } from "vitest";

import type { FieldSpec } from "../types";
import { toIsoWithOffset } from "./format";
import { parsePrefill, prefillQuery, prefillValue, withoutPrefill } from "./prefill";

// The built-in make-up template (补卡), and a few other kinds of field.
const MAKE_UP: FieldSpec[] = [
  { id: "punch_at", type: "datetime", label: "补卡时间", required: true },
  {
    id: "punch_kind",
    type: "select",
    label: "补卡类型",
    required: true,
    options: [
      { value: "in", label: "上班" },
      { value: "out", label: "下班" },
    ],
  },
  { id: "reason", type: "textarea", label: "事由", required: true, max_length: 10 },
];

describe("parsePrefill", () => {
  it("takes the values that fit their fields", () => {
    const raw = JSON.stringify({ punch_at: "2026-11-20T09:00:00+08:00", punch_kind: "in", reason: "忘记打卡" });
    const values = parsePrefill(raw, MAKE_UP);
    // The instant, written in this device's offset as the date-time picker writes it.
    expect(values).toEqual({
      punch_at: toIsoWithOffset(new Date("2026-11-20T01:00:00Z")),
      punch_kind: "in",
      reason: "忘记打卡",
    });
    expect(Date.parse(String(values.punch_at))).toBe(Date.parse("2026-11-20T09:00:00+08:00"));
  });

  it("drops values of another type, choices the field does not offer, and unknown fields", () => {
    const raw = JSON.stringify({
      punch_at: "yesterday at nine",
      punch_kind: "lunch",
      reason: "这一段事由比允许的长度更长一些",
      approver: "e1",
    });
    expect(parsePrefill(raw, MAKE_UP)).toEqual({});
    expect(parsePrefill(JSON.stringify({ punch_at: "2026-11-20T09:00:00", punch_kind: ["in"] }), MAKE_UP)).toEqual({});
  });

  it("leaves out fields the submitter may not write (the page passes only the editable ones)", () => {
    const raw = JSON.stringify({ punch_kind: "out", reason: "外出" });
    expect(parsePrefill(raw, MAKE_UP.filter((field) => field.id !== "reason"))).toEqual({ punch_kind: "out" });
  });

  it("is empty for a missing, empty or unreadable parameter", () => {
    expect(parsePrefill(undefined, MAKE_UP)).toEqual({});
    expect(parsePrefill(null, MAKE_UP)).toEqual({});
    expect(parsePrefill("", MAKE_UP)).toEqual({});
    expect(parsePrefill("{not json", MAKE_UP)).toEqual({});
    expect(parsePrefill("[1, 2]", MAKE_UP)).toEqual({});
    expect(parsePrefill("null", MAKE_UP)).toEqual({});
    expect(parsePrefill([null, JSON.stringify({ punch_kind: "in" })], MAKE_UP)).toEqual({ punch_kind: "in" });
  });

  it("travels in the query and leaves it once taken", () => {
    const query = prefillQuery({ punch_kind: "out" });
    expect(parsePrefill(query.prefill, MAKE_UP)).toEqual({ punch_kind: "out" });
    expect(withoutPrefill({ ...query, tab: "form" })).toEqual({ tab: "form" });
  });
});

describe("prefillValue", () => {
  const field = (spec: Partial<FieldSpec> & Pick<FieldSpec, "type">): FieldSpec => ({ id: "f", label: "F", ...spec });

  it("keeps numbers as the input holds them", () => {
    expect(prefillValue(field({ type: "money" }), 12.5)).toBe("12.5");
    expect(prefillValue(field({ type: "number" }), " 3 ")).toBe("3");
    expect(prefillValue(field({ type: "number" }), "three")).toBeUndefined();
    expect(prefillValue(field({ type: "money" }), Number.NaN)).toBeUndefined();
  });

  it("checks choices, dates and ranges", () => {
    const options = [
      { value: "a", label: "A" },
      { value: "b", label: "B" },
    ];
    expect(prefillValue(field({ type: "multiselect", options }), ["a", "b", "a"])).toEqual(["a", "b"]);
    expect(prefillValue(field({ type: "multiselect", options }), ["a", "c"])).toBeUndefined();
    expect(prefillValue(field({ type: "date" }), "2026-11-20")).toBe("2026-11-20");
    expect(prefillValue(field({ type: "date" }), "2026-02-30")).toBeUndefined();
    expect(prefillValue(field({ type: "daterange" }), { start: "2026-11-20", end: "2026-11-21" })).toEqual({
      start: "2026-11-20",
      end: "2026-11-21",
    });
    expect(prefillValue(field({ type: "daterange" }), { start: "2026-11-20" })).toBeUndefined();
    expect(
      prefillValue(field({ type: "daterange", unit: "half_day" }), { start: "2026-11-20", end: "2026-11-21", end_half: "am" }),
    ).toEqual({ start: "2026-11-20", start_half: "am", end: "2026-11-21", end_half: "am" });
    expect(
      prefillValue(field({ type: "daterange", unit: "half_day" }), { start: "2026-11-20", end: "2026-11-20", start_half: "noon" }),
    ).toEqual({ start: "2026-11-20", start_half: "am", end: "2026-11-20", end_half: "pm" });
    const hours = prefillValue(field({ type: "daterange", unit: "hour" }), {
      start: "2026-11-20T09:00:00+08:00",
      end: "2026-11-20T11:00:00+08:00",
    }) as { start: string; end: string };
    expect(Date.parse(hours.end) - Date.parse(hours.start)).toBe(2 * 3_600_000);
  });

  it("does not take what names things it cannot check", () => {
    expect(prefillValue(field({ type: "person" }), ["e1"])).toBeUndefined();
    expect(prefillValue(field({ type: "attachment" }), ["f1"])).toBeUndefined();
    expect(prefillValue(field({ type: "table" }), [{ amount: "1" }])).toBeUndefined();
    expect(prefillValue(field({ type: "formula" }), "1")).toBeUndefined();
  });
});
