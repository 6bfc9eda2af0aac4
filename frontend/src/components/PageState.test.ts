import { mount } from "@vue/test-utils";
import { describe, expect, it } from "vitest";

import { switchLanguage, i18n } from "@/i18n";

import PageState from "./PageState.vue";

function render(state: "loading" | "ready" | "empty" | "error" | "offline" | "forbidden") {
  return mount(PageState, {
    props: { state, emptyText: "Nothing here", emptyHint: "Add something" },
    slots: { default: "<p data-testid='content'>content</p>" },
    global: { plugins: [i18n] },
  });
}

describe("PageState", () => {
  switchLanguage("en", { persist: false });

  it("shows the content only when ready", () => {
    expect(render("ready").find("[data-testid=content]").exists()).toBe(true);
    expect(render("loading").find("[data-testid=content]").exists()).toBe(false);
  });

  it("shows the empty texts it is given", () => {
    const text = render("empty").get("[data-testid=state-empty]").text();
    expect(text).toContain("Nothing here");
    expect(text).toContain("Add something");
  });

  it("offers a retry when offline or failed", async () => {
    for (const state of ["offline", "error"] as const) {
      const wrapper = render(state);
      expect(wrapper.get(`[data-testid=state-${state}]`).text()).toContain(
        state === "offline" ? "You are offline" : "Something went wrong",
      );
      await wrapper.get("button").trigger("click");
      expect(wrapper.emitted("retry")).toHaveLength(1);
    }
  });

  it("does not offer a retry for what the user may not see", () => {
    const wrapper = render("forbidden");
    expect(wrapper.get("[data-testid=state-forbidden]").text()).toContain("You don't have permission to see this.");
    expect(wrapper.find("button").exists()).toBe(false);
  });
});
