import { beforeEach, describe, expect, it } from "vitest";

import { clearDraft, draftKey, hasDraft, loadDraft, needsNewKey, saveDraft } from "./draft";

describe("submit drafts", () => {
  beforeEach(() => localStorage.clear());

  it("starts empty with a fresh idempotency key", () => {
    const draft = loadDraft("u1", "t1");
    expect(draft.values).toEqual({});
    expect(draft.chosen).toEqual({});
    expect(draft.idempotencyKey).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(loadDraft("u1", "t1").idempotencyKey).not.toBe(draft.idempotencyKey);
    expect(hasDraft("u1", "t1")).toBe(false);
  });

  it("keeps values and the key per user and template until cleared", () => {
    const saved = saveDraft(
      "u1",
      "t1",
      { values: { reason: "出差", items: [{ amount: "12.50" }] }, chosen: { n1: ["e1"] }, idempotencyKey: "k-1" },
      new Date("2026-11-26T02:00:00Z"),
    );
    expect(saved.savedAt).toBe("2026-11-26T02:00:00.000Z");
    expect(loadDraft("u1", "t1")).toEqual({
      values: { reason: "出差", items: [{ amount: "12.50" }] },
      chosen: { n1: ["e1"] },
      idempotencyKey: "k-1",
      savedAt: "2026-11-26T02:00:00.000Z",
    });
    expect(loadDraft("u2", "t1").values).toEqual({});
    expect(loadDraft("u1", "t2").values).toEqual({});
    clearDraft("u1", "t1");
    expect(hasDraft("u1", "t1")).toBe(false);
    expect(loadDraft("u1", "t1").idempotencyKey).not.toBe("k-1");
  });

  it("keeps the key until the server has answered the submission for good", () => {
    expect(needsNewKey(422, "validation_error")).toBe(true);
    expect(needsNewKey(404, "template_not_found")).toBe(true);
    expect(needsNewKey(409, "idempotency_request_in_progress")).toBe(false);
    expect(needsNewKey(0, "network_error")).toBe(false);
    expect(needsNewKey(502, "server_error")).toBe(false);
  });

  it("drops a damaged draft", () => {
    localStorage.setItem(draftKey("u1", "t1"), "{not json");
    expect(loadDraft("u1", "t1").values).toEqual({});
  });
});
