import { describe, expect, it } from "vitest";

import { conflictText } from "./conflict";
import type { OutboxEntry } from "./outbox";

const TEXTS: Record<string, string> = {
  "approvals.taskStatus.approved": "approved",
  "approvals.status.running": "running",
  "approvals.status.withdrawn": "withdrawn",
  "approvals.outbox.taskMovedOn": "Your task had become: {state}; the approval is {instance}.",
  "approvals.outbox.taskMovedOnShort": "Your task had become: {state}.",
  "approvals.outbox.instanceClosed": "The approval is {instance}.",
  "common.error.generic": "failed",
};
const translator = {
  t: (key: string, named: Record<string, unknown> = {}) =>
    (TEXTS[key] ?? key).replace(/\{(\w+)\}/g, (_, name: string) => String(named[name])),
  te: (key: string) => key in TEXTS,
};

function conflict(answer: OutboxEntry["answer"]): OutboxEntry {
  return {
    id: "k",
    action: "approve",
    path: "/p",
    body: {},
    instanceId: "i",
    title: "报销",
    queuedAt: "",
    offline: true,
    status: "conflict",
    answer,
  };
}

describe("409 explanations", () => {
  it("says what became of the task and of the approval", () => {
    const entry = conflict({ status: 409, code: "task_not_pending", detail: "It is approved.", state: "approved", instanceStatus: "running" });
    expect(conflictText(entry, translator)).toBe("Your task had become: approved; the approval is running.");
    const short = conflict({ status: 409, code: "task_not_pending", detail: "", state: "approved" });
    expect(conflictText(short, translator)).toBe("Your task had become: approved.");
  });

  it("says the approval is closed, or falls back to the server's words", () => {
    const closed = conflict({ status: 409, code: "instance_finished", detail: "It is withdrawn.", state: "withdrawn" });
    expect(conflictText(closed, translator)).toBe("The approval is withdrawn.");
    const other = conflict({ status: 409, code: "idempotency_request_in_progress", detail: "Still running." });
    expect(conflictText(other, translator)).toBe("Still running.");
  });
});
