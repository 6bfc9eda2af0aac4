import { describe, expect, it, vi } from "vitest";

import { ApiError } from "@/api/problem";
import type { CursorPage } from "@/api/types";

import { useCursorList } from "./useCursorList";

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe("useCursorList", () => {
  it("appends pages until the server sends no next cursor", async () => {
    const pages: Record<string, CursorPage<number>> = {
      start: { items: [1, 2], next_cursor: "c2" },
      c2: { items: [3], next_cursor: null },
    };
    const fetchPage = vi.fn((cursor: string | null) => Promise.resolve(pages[cursor ?? "start"]!));
    const list = useCursorList(fetchPage);
    expect(list.state.value).toBe("loading");
    await list.reset();
    expect(list.items.value).toEqual([1, 2]);
    expect(list.finished.value).toBe(false);
    expect(list.state.value).toBe("ready");
    await list.loadMore();
    expect(list.items.value).toEqual([1, 2, 3]);
    expect(list.finished.value).toBe(true);
    await list.loadMore();
    expect(fetchPage.mock.calls.map(([cursor]) => cursor)).toEqual([null, "c2"]);
  });

  it("says empty when the first page has no items", async () => {
    const list = useCursorList(() => Promise.resolve({ items: [], next_cursor: null }));
    await list.reset();
    expect(list.state.value).toBe("empty");
  });

  it("says offline or error when the first page fails, and keeps items when a later one fails", async () => {
    const offline = useCursorList(() => Promise.reject(ApiError.network()));
    await offline.reset();
    expect(offline.state.value).toBe("offline");

    const broken = useCursorList(() => Promise.reject(ApiError.fromResponse(500, undefined)));
    await broken.reset();
    expect(broken.state.value).toBe("error");

    let calls = 0;
    const later = useCursorList(() =>
      ++calls === 1 ? Promise.resolve({ items: ["a"], next_cursor: "n" }) : Promise.reject(ApiError.network()),
    );
    await later.reset();
    await later.loadMore();
    expect(later.state.value).toBe("ready");
    expect(later.items.value).toEqual(["a"]);
    expect(later.error.value).toBeInstanceOf(ApiError);
  });

  it("drops the answer to a query the user has already replaced", async () => {
    const slow = deferred<CursorPage<string>>();
    const fetchPage = vi
      .fn<(cursor: string | null) => Promise<CursorPage<string>>>()
      .mockReturnValueOnce(slow.promise)
      .mockResolvedValueOnce({ items: ["new"], next_cursor: null });
    const list = useCursorList(fetchPage);
    const first = list.reset();
    await list.reset();
    slow.resolve({ items: ["old"], next_cursor: null });
    await first;
    expect(list.items.value).toEqual(["new"]);
  });

  it("does not start a second request while one is running", async () => {
    const slow = deferred<CursorPage<number>>();
    const fetchPage = vi.fn(() => slow.promise);
    const list = useCursorList(fetchPage);
    const first = list.reset();
    await list.loadMore();
    slow.resolve({ items: [1], next_cursor: null });
    await first;
    expect(fetchPage).toHaveBeenCalledTimes(1);
  });
});
