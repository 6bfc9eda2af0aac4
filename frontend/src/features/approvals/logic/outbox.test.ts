import { describe, expect, it } from "vitest";

import { Outbox, type OutboxEntry, type SendResult } from "./outbox";

class MemoryStorage {
  data = new Map<string, string>();
  getItem(key: string): string | null {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.data.set(key, value);
  }
}

const KEY = "officium.approvals.outbox.u1";
const NOW = new Date("2026-11-26T03:00:00Z");

function entry(id: string, action: OutboxEntry["action"] = "approve", offline = true) {
  return { id, action, path: `/api/v1/approvals/tasks/${id}/${action}`, body: { comment: id }, instanceId: "i1", title: "报销", offline };
}

describe("the approval outbox", () => {
  it("replays queued actions in order, each with its own key, and keeps each answer", async () => {
    const storage = new MemoryStorage();
    const outbox = new Outbox(storage, KEY);
    outbox.enqueue(entry("a"), NOW);
    outbox.enqueue(entry("b", "reject"), NOW);
    outbox.enqueue(entry("c", "comment"), NOW);
    const sent: string[] = [];
    const answers: Record<string, SendResult> = {
      a: { status: 200, body: { id: "a" } },
      b: {
        status: 409,
        body: { code: "task_not_pending", detail: "It is approved.", state: "approved", instance_status: "running" },
      },
      c: { status: 422, body: { code: "invalid_comment", detail: "A comment has 1 to 5000 characters." } },
    };
    await outbox.replay(async (item) => {
      sent.push(`${item.id}:${item.path}`);
      return answers[item.id]!;
    });
    expect(sent).toEqual([
      "a:/api/v1/approvals/tasks/a/approve",
      "b:/api/v1/approvals/tasks/b/reject",
      "c:/api/v1/approvals/tasks/c/comment",
    ]);
    expect(outbox.entries().map((item) => [item.id, item.status, item.answer?.status])).toEqual([
      ["a", "done", 200],
      ["b", "conflict", 409],
      ["c", "failed", 422],
    ]);
    const conflict = outbox.get("b")!.answer!;
    expect([conflict.code, conflict.detail, conflict.state, conflict.instanceStatus]).toEqual([
      "task_not_pending",
      "It is approved.",
      "approved",
      "running",
    ]);
    expect(outbox.get("c")!.answer!.detail).toBe("A comment has 1 to 5000 characters.");
    // What is stored survives a reload.
    expect(new Outbox(storage, KEY).entries()).toEqual(outbox.entries());
  });

  it("stops at the first action that gets no answer and sends it again later with the same key", async () => {
    const storage = new MemoryStorage();
    const outbox = new Outbox(storage, KEY);
    outbox.enqueue(entry("a"), NOW);
    outbox.enqueue(entry("b"), NOW);
    const tried: string[] = [];
    await outbox.replay(async (item) => {
      tried.push(item.id);
      throw new Error("offline");
    });
    expect(tried).toEqual(["a"]);
    expect(outbox.pending().map((item) => [item.id, item.status])).toEqual([
      ["a", "queued"],
      ["b", "queued"],
    ]);
    await outbox.replay(async (item) => {
      tried.push(item.id);
      return { status: 200, body: {} };
    });
    expect(tried).toEqual(["a", "a", "b"]);
    expect(outbox.pending()).toEqual([]);
  });

  it("sends again an entry that a closed tab left mid-send", () => {
    const storage = new MemoryStorage();
    const first = new Outbox(storage, KEY);
    first.enqueue(entry("a"), NOW);
    const stored = JSON.parse(storage.getItem(KEY)!) as OutboxEntry[];
    storage.setItem(KEY, JSON.stringify([{ ...stored[0], status: "sending" }]));
    expect(new Outbox(storage, KEY).pending().map((item) => item.status)).toEqual(["queued"]);
  });

  it("forgets an action sent straight away once answered, and tells the page that sent it", async () => {
    const outbox = new Outbox(new MemoryStorage(), KEY);
    outbox.enqueue(entry("a", "approve", false), NOW);
    const answered = outbox.answered("a");
    await outbox.replay(async () => ({ status: 200, body: { status: "approved" } }));
    expect((await answered).answer).toEqual({ status: 200, code: "", detail: "", body: { status: "approved" } });
    expect(outbox.entries()).toEqual([]);
  });

  it("runs one replay at a time", async () => {
    const outbox = new Outbox(new MemoryStorage(), KEY);
    outbox.enqueue(entry("a"), NOW);
    let calls = 0;
    const send = async () => {
      calls += 1;
      return { status: 200, body: {} };
    };
    await Promise.all([outbox.replay(send), outbox.replay(send)]);
    expect(calls).toBe(1);
  });

  it("lets the user dismiss answered and queued entries", () => {
    const changes: number[] = [];
    const outbox = new Outbox(new MemoryStorage(), KEY, (entries) => changes.push(entries.length));
    outbox.enqueue(entry("a"), NOW);
    outbox.enqueue(entry("b"), NOW);
    outbox.dismiss("a");
    expect(outbox.entries().map((item) => item.id)).toEqual(["b"]);
    expect(changes).toEqual([1, 2, 1]);
  });
});
