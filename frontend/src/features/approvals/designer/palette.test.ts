import { describe, expect, it } from "vitest";

import { FIELD_TYPES } from "./model";
import { COLUMN_TYPES, FIELD_ID_PATTERN, fieldFromWidget, nextFieldId, PALETTE, PALETTE_ICONS } from "./palette";

const texts = { option: (n: number) => `选项${n}`, column: "明细项" };

describe("the palette", () => {
  it("offers every field type the server accepts, each once, with an icon", () => {
    const offered = PALETTE.flatMap((group) => group.types);
    expect([...offered].sort()).toEqual([...FIELD_TYPES].sort());
    expect(new Set(offered).size).toBe(offered.length);
    expect(Object.keys(PALETTE_ICONS).sort()).toEqual([...FIELD_TYPES].sort());
  });

  it("never offers a table or a computed value as a table column", () => {
    expect(COLUMN_TYPES).not.toContain("table");
    expect(COLUMN_TYPES).not.toContain("formula");
    expect(COLUMN_TYPES).not.toContain("serial");
  });
});

describe("nextFieldId", () => {
  it("takes the first free number for the type", () => {
    expect(nextFieldId("money", [])).toBe("money_1");
    expect(nextFieldId("money", ["money_1", "money_3", "text_2"])).toBe("money_2");
  });

  it("makes ids the server accepts", () => {
    for (const type of FIELD_TYPES) expect(nextFieldId(type, [])).toMatch(FIELD_ID_PATTERN);
  });
});

describe("fieldFromWidget", () => {
  it("gives a money field two decimals in yuan", () => {
    expect(fieldFromWidget("money", "金额", ["money_1"], texts)).toEqual({
      id: "money_2",
      type: "money",
      label: "金额",
      decimals: 2,
      currency: "CNY",
    });
  });

  it("gives choice fields two options the server accepts", () => {
    expect(fieldFromWidget("multiselect", "类别", [], texts)).toEqual({
      id: "multiselect_1",
      type: "multiselect",
      label: "类别",
      options: [
        { value: "option_1", label: "选项1" },
        { value: "option_2", label: "选项2" },
      ],
    });
  });

  it("gives a detail table one text column and no totals", () => {
    expect(fieldFromWidget("table", "明细", [], texts)).toEqual({
      id: "table_1",
      type: "table",
      label: "明细",
      columns: [{ id: "text_1", type: "text", label: "明细项" }],
      totals: [],
    });
  });

  it("gives a formula an expression, a serial number its counter and a range its unit", () => {
    expect(fieldFromWidget("formula", "合计", [], texts)).toEqual({ id: "formula_1", type: "formula", label: "合计", expression: "0", decimals: 2 });
    expect(fieldFromWidget("serial", "编号", [], texts)).toEqual({ id: "serial_1", type: "serial", label: "编号", prefix: "", reset: "yearly", digits: 4 });
    expect(fieldFromWidget("daterange", "时间", [], texts)).toEqual({ id: "daterange_1", type: "daterange", label: "时间", unit: "day" });
    expect(fieldFromWidget("person", "负责人", [], texts)).toEqual({ id: "person_1", type: "person", label: "负责人", multiple: false });
    expect(fieldFromWidget("text", "事由", [], texts)).toEqual({ id: "text_1", type: "text", label: "事由" });
  });
});
