import { createPinia, setActivePinia } from "pinia";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { createMemoryHistory, createRouter, type Router } from "vue-router";

import { markOpenedFromPush } from "./opened";

const api = vi.hoisted(() => ({
  markRead: vi.fn(),
  fetchCounts: vi.fn(),
}));
vi.mock("./api", () => api);

async function routerAt(path: string): Promise<Router> {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: "/approvals/:id", component: { template: "<div />" } }],
  });
  await router.push(path);
  return router;
}

describe("markOpenedFromPush", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    setActivePinia(createPinia());
    api.markRead.mockResolvedValue({});
    api.fetchCounts.mockResolvedValue({ unread: 0, by_source: {} });
  });

  it("marks the tapped notification read and drops the parameter, keeping the rest of the link", async () => {
    const router = await routerAt("/approvals/a1?tab=timeline&from_notification=n-7#comments");
    await markOpenedFromPush(router.currentRoute.value, router);
    expect(api.markRead).toHaveBeenCalledExactlyOnceWith("n-7");
    expect(router.currentRoute.value.fullPath).toBe("/approvals/a1?tab=timeline#comments");
  });

  it("does nothing for a link opened any other way", async () => {
    const router = await routerAt("/approvals/a1?tab=timeline");
    await markOpenedFromPush(router.currentRoute.value, router);
    expect(api.markRead).not.toHaveBeenCalled();
    expect(router.currentRoute.value.fullPath).toBe("/approvals/a1?tab=timeline");
  });

  it("leaves it unread when the server cannot be reached, without an error on the page", async () => {
    api.markRead.mockRejectedValue(new TypeError("Failed to fetch"));
    const router = await routerAt("/approvals/a1?from_notification=n-8");
    await expect(markOpenedFromPush(router.currentRoute.value, router)).resolves.toBeUndefined();
    expect(router.currentRoute.value.fullPath).toBe("/approvals/a1");
  });
});
