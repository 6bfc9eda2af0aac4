import { mount } from "@vue/test-utils";
import { createPinia, setActivePinia } from "pinia";
import { beforeEach, describe, expect, it } from "vitest";

import { applyLanguage, i18n } from "@/i18n";

import type { Instance, TimelineEvent } from "../types";
import TimelineList from "./TimelineList.vue";

const ZHANG = { id: "e1", name: "张伟" };
const LI = { id: "e2", name: "李娜" };

function event(id: number, type: string, extra: Partial<TimelineEvent> = {}): TimelineEvent {
  return { id, type, actor: ZHANG, on_behalf_of: null, node_id: "", data: {}, created_at: "2026-11-26T02:00:00Z", ...extra };
}

function render(timeline: TimelineEvent[]) {
  const instance = {
    tasks: [{ node_id: "supervisor", node_name: "直属上级" }],
    timeline,
  } as unknown as Instance;
  return mount(TimelineList, { props: { instance }, global: { plugins: [i18n] } });
}

describe("TimelineList", () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    applyLanguage("zh-CN", { persist: false });
  });

  it("says who acted for whom, at which step, with the comment and the signature", () => {
    const wrapper = render([
      event(1, "approved", {
        on_behalf_of: LI,
        node_id: "supervisor",
        data: { comment: "同意报销", signature: true },
      }),
    ]);
    const row = wrapper.get("[data-testid=timeline-approved]");
    expect(row.get(".timeline__head").text()).toBe("张伟代 李娜同意· 直属上级");
    expect(row.get("[data-testid=timeline-comment]").text()).toBe("同意报销");
    expect(row.get("[data-testid=timeline-signed]").text()).toBe("已签名");
  });

  it("gives the reason of an automatic approval and where a return went", () => {
    const wrapper = render([
      event(1, "auto_approved", { actor: null, node_id: "supervisor", data: { reason: "dedup" } }),
      event(2, "returned", { data: { to: "submitter", comment: "请补充发票" } }),
      event(3, "returned", { data: { comment: "请补充发票", task: "t1" } }),
    ]);
    const auto = wrapper.get("[data-testid=timeline-auto_approved]");
    expect(auto.get(".timeline__actor").text()).toBe("系统");
    expect(auto.get(".timeline__detail").text()).toBe("此前已审批，自动去重");
    const [toSubmitter, decision] = wrapper.findAll("[data-testid=timeline-returned]");
    expect(toSubmitter!.get(".timeline__detail").text()).toBe("给发起人");
    expect(decision!.find(".timeline__detail").exists()).toBe(false);
  });

  it("lists the people a comment mentions and its files", () => {
    const wrapper = render([
      event(1, "commented", {
        data: { text: "@李娜 请看附件", mentions: [LI], attachments: [{ id: "a1", name: "发票.pdf" }] },
      }),
    ]);
    const row = wrapper.get("[data-testid=timeline-commented]");
    expect(row.get("[data-testid=timeline-comment]").text()).toBe("@李娜 请看附件");
    expect(row.get(".timeline__mentions").text()).toBe("@李娜");
    expect(row.get("[data-testid=timeline-file-a1]").attributes("href")).toBe("/api/v1/approvals/attachments/a1");
  });
});
