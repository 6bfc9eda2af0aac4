import { flushPromises, mount } from "@vue/test-utils";
import { describe, expect, it } from "vitest";

import { applyLanguage, i18n } from "@/i18n";

import type { Entry, LeaveType } from "../types";
import EntryHistory from "./EntryHistory.vue";

const ANNUAL: LeaveType = {
  code: "annual",
  name: "年假",
  unit: "half_day",
  tracked: true,
  paid: true,
  carry_over_max: "0.00",
  carry_over_months: 3,
  accrual: "yearly",
};

const SETTLED: Entry = {
  id: "s1",
  leave_type: "annual",
  kind: "expire",
  amount: "-6.00",
  effective_on: "2026-06-30",
  expires_on: null,
  reason: "离职折算：已过 181 天，应休 4 天，已休 0 天",
  settlement_days: "4.00",
  created_at: "2026-06-30T10:00:00Z",
};

const GRANTED: Entry = { ...SETTLED, id: "g1", kind: "grant", amount: "10.00", reason: "法定年假", settlement_days: null };

describe("EntryHistory", () => {
  it("shows what a leaver's settlement owes, and nothing of the kind on other entries", async () => {
    applyLanguage("zh-CN", { persist: false });
    const wrapper = mount(EntryHistory, {
      props: { leaveType: ANNUAL, fetchPage: () => Promise.resolve({ items: [SETTLED, GRANTED], next_cursor: null }) },
      global: { plugins: [i18n] },
    });
    await flushPromises();
    expect(wrapper.get("[data-testid=leave-entry-s1-settlement]").text()).toBe("离职折算：应休未休 4 天，按 300% 支付");
    expect(wrapper.find("[data-testid=leave-entry-g1-settlement]").exists()).toBe(false);
  });
});
