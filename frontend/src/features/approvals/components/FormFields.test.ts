import { mount } from "@vue/test-utils";
import { createPinia, setActivePinia } from "pinia";
import { beforeEach, describe, expect, it } from "vitest";

import { applyLanguage, i18n } from "@/i18n";

import type { FieldSpec, FormValues } from "../types";
import FormFields from "./FormFields.vue";

const FIELDS: FieldSpec[] = [
  { id: "serial", type: "serial", label: "No." },
  { id: "reason", type: "text", label: "Reason", required: true },
  {
    id: "items",
    type: "table",
    label: "Items",
    columns: [
      { id: "amount", type: "money", label: "Amount", required: true },
      { id: "note", type: "text", label: "Note" },
    ],
    totals: ["amount"],
  },
  { id: "total", type: "formula", label: "Total", expression: "sum(items.map(r, r.amount))" },
  { id: "why", type: "text", label: "Why so much", visible_if: "total > 5000.0" },
];

function render(values: FormValues, editable: string[], errors: Record<string, string> = {}) {
  return mount(FormFields, {
    props: { fields: FIELDS, values, editable: new Set(editable), errors },
    global: { plugins: [i18n], stubs: { RouterLink: true } },
  });
}

describe("FormFields", () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    applyLanguage("zh-CN", { persist: false });
  });

  it("computes the totals and the formula live, with the amount in words", () => {
    const wrapper = render({ items: [{ amount: "3200" }, { amount: "2600.5" }] }, ["reason", "items"]);
    expect(wrapper.get("[data-testid=field-items-total-amount-value]").text()).toBe("¥5,800.50");
    expect(wrapper.get("[data-testid=field-total-value]").text()).toBe("¥5,800.50");
    expect(wrapper.get("[data-testid=field-total-words]").text()).toBe("伍仟捌佰元伍角");
    expect(wrapper.get("[data-testid=field-items-0-amount-words]").text()).toBe("叁仟贰佰元整");
    expect(wrapper.get("[data-testid=field-serial]").text()).toContain("提交后生成");
    // Over 5,000 the explanation field appears (as a read-only field here: it is not editable).
    expect(wrapper.find("[data-testid=field-why]").exists()).toBe(true);
  });

  it("hides a field whose condition does not hold", () => {
    const wrapper = render({ items: [{ amount: "10" }] }, ["reason", "items", "why"]);
    expect(wrapper.find("[data-testid=field-why]").exists()).toBe(false);
  });

  it("shows the server's errors next to the field and the cell", () => {
    const wrapper = render({ items: [{ amount: "" }] }, ["reason", "items"], {
      "/reason": "事由 is required.",
      "/items/0/amount": "At least 0.01.",
    });
    expect(wrapper.get("[data-testid=field-reason]").text()).toContain("事由 is required.");
    expect(wrapper.get("[data-testid=field-items-0-amount]").text()).toContain("At least 0.01.");
  });

  it("adds and removes detail rows through change events", async () => {
    const wrapper = render({ items: [{ amount: "1" }, { amount: "2" }] }, ["items"]);
    await wrapper.get("[data-testid=field-items-add]").trigger("click");
    expect(wrapper.emitted("change")?.at(-1)).toEqual(["items", [{ amount: "1" }, { amount: "2" }, {}]]);
    await wrapper.get("[data-testid=field-items-remove-0]").trigger("click");
    expect(wrapper.emitted("change")?.at(-1)).toEqual(["items", [{ amount: "2" }]]);
  });

  it("shows values as text when nothing is editable, with the server's words", () => {
    const wrapper = mount(FormFields, {
      props: {
        fields: FIELDS,
        values: { serial: "BX-2026-0001", reason: "出差", items: [{ amount: "12.5" }], total: "12.50" },
        editable: new Set<string>(),
        errors: {},
        words: { total: "壹拾贰元伍角" },
      },
      global: { plugins: [i18n], stubs: { RouterLink: true } },
    });
    expect(wrapper.get("[data-testid=field-serial-value]").text()).toBe("BX-2026-0001");
    expect(wrapper.get("[data-testid=field-reason-value]").text()).toBe("出差");
    expect(wrapper.get("[data-testid=field-total-words]").text()).toBe("壹拾贰元伍角");
    expect(wrapper.find("[data-testid=field-items-add]").exists()).toBe(false);
    expect(wrapper.find("input").exists()).toBe(false);
  });
});
