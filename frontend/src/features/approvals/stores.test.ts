import { createPinia, setActivePinia } from "pinia";
import { beforeEach, describe, expect, it, vi } from "vitest";

import { useMeStore } from "@/features/me/store";
import { reportRequestFailed, reportRequestSucceeded } from "@/offline/network";

import { postRaw } from "./api";
import { useOutboxStore } from "./stores";

vi.mock("./api", () => ({ postRaw: vi.fn(), fetchCounts: vi.fn() }));
const send = vi.mocked(postRaw);

const ACTION = {
  action: "approve" as const,
  path: "/api/v1/approvals/tasks/t1/approve",
  body: { comment: "" },
  instanceId: "i1",
  title: "费用报销",
};

describe("the outbox store", () => {
  beforeEach(() => {
    localStorage.clear();
    send.mockReset();
    setActivePinia(createPinia());
    useMeStore().me = { id: "u1" } as ReturnType<typeof useMeStore>["me"];
    reportRequestSucceeded();
  });

  it("sends at once when online, with the entry's id as Idempotency-Key, and keeps nothing", async () => {
    send.mockResolvedValue({ status: 200, body: { status: "approved" } });
    const outbox = useOutboxStore();
    const entry = await outbox.act(ACTION);
    expect(entry.status).toBe("done");
    expect(send).toHaveBeenCalledTimes(1);
    expect(send).toHaveBeenCalledWith(ACTION.path, ACTION.body, entry.id);
    expect(outbox.entries).toEqual([]);
  });

  it("queues when offline and sends in order once the network is back", async () => {
    reportRequestFailed();
    const outbox = useOutboxStore();
    const first = await outbox.act(ACTION);
    const second = await outbox.act({ ...ACTION, action: "comment", path: "/api/v1/approvals/instances/i1/comments" });
    expect([first.status, second.status]).toEqual(["queued", "queued"]);
    expect(send).not.toHaveBeenCalled();
    expect(outbox.waiting.map((entry) => entry.id)).toEqual([first.id, second.id]);
    expect([...outbox.decided]).toEqual(["i1"]);
    expect(JSON.parse(localStorage.getItem("officium.approvals.outbox.u1")!)).toHaveLength(2);

    reportRequestSucceeded();
    send.mockResolvedValueOnce({ status: 200, body: {} }).mockResolvedValueOnce({
      status: 409,
      body: { code: "task_not_pending", state: "approved", instance_status: "approved" },
    });
    await outbox.replay();
    expect(send.mock.calls.map((call) => call[2])).toEqual([first.id, second.id]);
    expect(outbox.waiting).toEqual([]);
    expect([...outbox.decided]).toEqual([]);
    expect(outbox.answered.map((entry) => [entry.action, entry.status, entry.answer?.state])).toEqual([
      ["approve", "done", undefined],
      ["comment", "conflict", "approved"],
    ]);
  });

  it("keeps an action whose request got no answer, to send it again later", async () => {
    send.mockRejectedValueOnce(new Error("network"));
    const outbox = useOutboxStore();
    const entry = await outbox.act(ACTION);
    expect(entry.status).toBe("queued");
    expect(outbox.waiting.map((item) => [item.id, item.offline])).toEqual([[entry.id, true]]);
    send.mockResolvedValueOnce({ status: 200, body: {} });
    await outbox.replay();
    expect(send.mock.calls.map((call) => call[2])).toEqual([entry.id, entry.id]);
    expect(outbox.answered.map((item) => item.status)).toEqual(["done"]);
  });
});
