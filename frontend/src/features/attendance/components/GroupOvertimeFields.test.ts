import { mount } from "@vue/test-utils";
import { describe, expect, it } from "vitest";
import { nextTick, reactive } from "vue";

import { switchLanguage, i18n } from "@/i18n";

import "../i18n/admin";
import { emptyDraft, type GroupDraft } from "../logic/groupForm";
import GroupOvertimeFields from "./GroupOvertimeFields.vue";

function render(draft: GroupDraft) {
  return mount(GroupOvertimeFields, {
    props: { modelValue: draft, "onUpdate:modelValue": (value: GroupDraft) => Object.assign(draft, value) },
    global: { plugins: [i18n] },
  });
}

describe("GroupOvertimeFields", () => {
  it("shows a source and a compensation per type of day, in Chinese", () => {
    switchLanguage("zh-CN", { persist: false });
    const wrapper = render(emptyDraft());
    expect(wrapper.get("[data-testid=group-overtime-holiday] .van-cell__title").text()).toContain("法定节假日（300%）");
    expect(wrapper.get("[data-testid=group-overtime-rest-day-source-punches]").text()).toBe("按打卡");
    expect(wrapper.find("[data-testid=group-overtime-offset-minutes]").exists()).toBe(false);
  });

  it("sets where rest-day overtime comes from, and then its compensation and the offset apply", async () => {
    switchLanguage("en", { persist: false });
    const draft = reactive(emptyDraft());
    const wrapper = render(draft);
    const payOnRestDays = () => wrapper.get("[data-testid=group-overtime-rest-day-compensation-pay]");
    expect(payOnRestDays().classes()).toContain("van-radio--disabled");
    await wrapper.get("[data-testid=group-overtime-rest-day-source-punches] .van-radio__icon").trigger("click");
    expect(draft.overtime_rest_day_source).toBe("punches");
    await nextTick();
    expect(payOnRestDays().classes()).not.toContain("van-radio--disabled");
    await wrapper.get("[data-testid=group-overtime-workday-source-both] .van-radio__icon").trigger("click");
    await nextTick();
    expect(wrapper.find("[data-testid=group-overtime-offset-minutes]").exists()).toBe(true);
  });
});
