import { createPinia, setActivePinia } from "pinia";
import { beforeEach, describe, expect, it, vi } from "vitest";

import type { Me } from "@/api/types";
import { applyLanguage, currentLanguage } from "@/i18n";

import { fetchMe, patchMe } from "./api";
import { useMeStore } from "./store";

vi.mock("./api", () => ({ fetchMe: vi.fn(), patchMe: vi.fn() }));

function profile(language: string): Me {
  return { id: 1, username: "lina", display_name: "李娜", language, permissions: [], is_staff: false } as unknown as Me;
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

describe("the me store and the language", () => {
  beforeEach(async () => {
    setActivePinia(createPinia());
    vi.mocked(fetchMe).mockReset();
    vi.mocked(patchMe).mockReset();
    applyLanguage("zh-CN", { persist: false });
    vi.mocked(fetchMe).mockResolvedValueOnce(profile("zh-CN"));
    await useMeStore().load();
  });

  it("adopts the language saved in the account when nothing was chosen here", async () => {
    vi.mocked(fetchMe).mockResolvedValueOnce(profile("en"));
    await useMeStore().load();
    expect(currentLanguage()).toBe("en");
  });

  it("keeps a language chosen while an older profile was on its way", async () => {
    const store = useMeStore();
    const late = deferred<Me>();
    vi.mocked(fetchMe).mockReturnValueOnce(late.promise);
    const loading = store.load(); // asked before the user chose English
    vi.mocked(patchMe).mockResolvedValueOnce(profile("en"));
    await store.setLanguage("en");
    late.resolve(profile("zh-CN"));
    await loading;
    expect(currentLanguage()).toBe("en");
    expect(store.me?.language).toBe("zh-CN");
  });

  it("ignores a profile that arrives while the choice is still being saved", async () => {
    const store = useMeStore();
    const saving = deferred<Me>();
    vi.mocked(patchMe).mockReturnValueOnce(saving.promise);
    const choosing = store.setLanguage("en");
    // The server's "me changed" hint for an earlier save comes first: its profile still says Chinese.
    vi.mocked(fetchMe).mockResolvedValueOnce(profile("zh-CN"));
    await store.load();
    expect(currentLanguage()).toBe("en");
    saving.resolve(profile("en"));
    await choosing;
    vi.mocked(fetchMe).mockResolvedValueOnce(profile("en"));
    await store.load();
    expect(currentLanguage()).toBe("en");
  });

  it("saves one choice after another so that the last one reaches the account last", async () => {
    const store = useMeStore();
    const first = deferred<Me>();
    const order: string[] = [];
    vi.mocked(patchMe).mockImplementation(async (changes) => {
      order.push(String(changes.language));
      return changes.language === "en" ? first.promise : profile(String(changes.language));
    });
    const toEnglish = store.setLanguage("en");
    const backToChinese = store.setLanguage("zh-CN");
    await new Promise((settle) => setTimeout(settle, 0));
    expect(order).toEqual(["en"]); // the second waits for the first
    first.resolve(profile("en"));
    await Promise.all([toEnglish, backToChinese]);
    expect(order).toEqual(["en", "zh-CN"]);
    expect(currentLanguage()).toBe("zh-CN");
    expect(store.me?.language).toBe("zh-CN");
  });

  it("ignores a profile asked for during a save even when its answer comes after the save's", async () => {
    const store = useMeStore();
    const saving = deferred<Me>();
    const answer = deferred<Me>();
    vi.mocked(patchMe).mockReturnValueOnce(saving.promise);
    const choosing = store.setLanguage("en");
    // Asked while the save is on its way; the server read the account before the save committed.
    vi.mocked(fetchMe).mockReturnValueOnce(answer.promise);
    const loading = store.load();
    saving.resolve(profile("en"));
    await choosing;
    answer.resolve(profile("zh-CN"));
    await loading;
    expect(currentLanguage()).toBe("en");
  });

  it("writes nothing back from a profile that arrives after the session ended", async () => {
    const store = useMeStore();
    const late = deferred<Me>();
    vi.mocked(fetchMe).mockReturnValueOnce(late.promise);
    const loading = store.load();
    store.markAnonymous();
    localStorage.clear();
    late.resolve(profile("en"));
    await loading;
    expect(localStorage.length).toBe(0);
    expect(store.me).toBe(null);
    expect(store.status).toBe("anonymous");
    expect(currentLanguage()).toBe("zh-CN");
  });
});
