import { describe, expect, it } from "vitest";

import type { FormField } from "./model";
import { emptySample, formData } from "./sample";

const fields: FormField[] = [
  { id: "amount", type: "money", label: "金额" },
  { id: "reason", type: "text", label: "事由" },
  { id: "tags", type: "multiselect", label: "标签", options: [] },
  { id: "leave", type: "daterange", label: "时间", unit: "day" },
  { id: "files", type: "attachment", label: "附件" },
  { id: "place", type: "location", label: "地点" },
  { id: "link", type: "related", label: "关联审批" },
  { id: "items", type: "table", label: "明细", columns: [{ id: "cost", type: "money", label: "费用" }, { id: "owner", type: "person", label: "负责人" }] },
  { id: "tax", type: "formula", label: "税", expression: "amount" },
];

describe("formData", () => {
  it("sends what was filled in, in the server's shapes, and nothing for computed or related fields", () => {
    expect(
      formData(fields, {
        amount: "1500",
        reason: "",
        tags: [],
        leave: { start: "2026-11-02", end: "2026-11-04" },
        files: ["f-1"],
        place: { lat: "31.23", lng: "121.47", address: "上海" },
        link: ["i-1"],
        items: [{ cost: "10", owner: ["p1"] }, { cost: "", owner: [] }],
        tax: "9",
      }),
    ).toEqual({
      amount: "1500",
      leave: { start: "2026-11-02", end: "2026-11-04" },
      files: ["f-1"],
      place: { lat: 31.23, lng: 121.47, address: "上海" },
      items: [{ cost: "10", owner: ["p1"] }, {}],
    });
  });

  it("leaves out a half-filled range or place", () => {
    expect(formData(fields, { leave: { start: "2026-11-02", end: "" }, place: { lat: "31", lng: " ", address: "" } })).toEqual({});
  });

  it("starts each kind empty", () => {
    expect(fields.map(emptySample)).toEqual(["", "", [], { start: "", end: "" }, [], { lat: "", lng: "", address: "" }, "", [], ""]);
  });
});
