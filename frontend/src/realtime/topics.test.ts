import { afterEach, describe, expect, it, vi } from "vitest";

import {
  clearTopicHandlers,
  dispatchAllTopics,
  dispatchServerMessage,
  onTopicChanged,
  parseServerMessage,
} from "./topics";

afterEach(clearTopicHandlers);

describe("parseServerMessage", () => {
  it("understands hello and changed", () => {
    expect(parseServerMessage('{"type":"hello","user_id":"u1"}')).toEqual({ type: "hello", user_id: "u1" });
    expect(parseServerMessage('{"type":"changed","topics":["me",3,"contacts"]}')).toEqual({
      type: "changed",
      topics: ["me", "contacts"],
    });
  });

  it("treats anything else as unknown", () => {
    expect(parseServerMessage("not json")).toEqual({ type: "unknown" });
    expect(parseServerMessage("null")).toEqual({ type: "unknown" });
    expect(parseServerMessage('{"type":"changed","topics":"me"}')).toEqual({ type: "unknown" });
    expect(parseServerMessage('{"type":"future"}')).toEqual({ type: "unknown" });
  });
});

describe("dispatchServerMessage", () => {
  it("runs the handlers of the changed topics only", () => {
    const me = vi.fn();
    const contacts = vi.fn();
    onTopicChanged("me", me);
    onTopicChanged("contacts", contacts);
    expect(dispatchServerMessage('{"type":"changed","topics":["me"]}')).toBe(1);
    expect(me).toHaveBeenCalledTimes(1);
    expect(contacts).not.toHaveBeenCalled();
  });

  it("runs a handler once even if a message names its topic twice or it is under two topics", () => {
    const refetch = vi.fn();
    onTopicChanged("me", refetch);
    onTopicChanged("profile", refetch);
    expect(dispatchServerMessage('{"type":"changed","topics":["me","me","profile"]}')).toBe(1);
    expect(refetch).toHaveBeenCalledTimes(1);
  });

  it("ignores hello and unknown messages", () => {
    const me = vi.fn();
    onTopicChanged("me", me);
    expect(dispatchServerMessage('{"type":"hello","user_id":"u1"}')).toBe(0);
    expect(dispatchServerMessage("garbage")).toBe(0);
    expect(me).not.toHaveBeenCalled();
  });

  it("keeps running the other handlers when one throws", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const ok = vi.fn();
    onTopicChanged("a", () => {
      throw new Error("boom");
    });
    onTopicChanged("a", ok);
    expect(dispatchServerMessage('{"type":"changed","topics":["a"]}')).toBe(2);
    expect(ok).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalled();
  });

  it("stops calling a handler after it unsubscribes", () => {
    const me = vi.fn();
    const off = onTopicChanged("me", me);
    off();
    expect(dispatchServerMessage('{"type":"changed","topics":["me"]}')).toBe(0);
  });
});

describe("dispatchAllTopics", () => {
  it("runs every registered handler", () => {
    const me = vi.fn();
    const contacts = vi.fn();
    onTopicChanged("me", me);
    onTopicChanged("contacts", contacts);
    expect(dispatchAllTopics()).toBe(2);
    expect(me).toHaveBeenCalledTimes(1);
    expect(contacts).toHaveBeenCalledTimes(1);
  });
});
