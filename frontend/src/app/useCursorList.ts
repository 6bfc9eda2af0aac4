// Infinite scrolling over a cursor-paginated endpoint, in the shape <van-list> wants.
import { computed, ref, shallowRef } from "vue";

import type { CursorPage } from "@/api/types";

import { stateForError, type PageStateKind } from "./pageState";

export function useCursorList<T>(fetchPage: (cursor: string | null) => Promise<CursorPage<T>>) {
  const items = shallowRef<T[]>([]);
  const loading = ref(false);
  const finished = ref(false);
  const error = shallowRef<unknown>(null);
  const loaded = ref(false);
  let cursor: string | null = null;
  // Bumped by reset(): answers to a superseded query (the user typed on) are dropped.
  let generation = 0;
  let inFlight = false;

  async function loadMore(): Promise<void> {
    if (finished.value || inFlight) return;
    const mine = generation;
    loading.value = true;
    inFlight = true;
    error.value = null;
    try {
      const page = await fetchPage(cursor);
      if (mine !== generation) return;
      items.value = [...items.value, ...page.items];
      cursor = page.next_cursor;
      finished.value = page.next_cursor === null;
      loaded.value = true;
    } catch (caught) {
      if (mine !== generation) return;
      error.value = caught;
    } finally {
      if (mine === generation) {
        loading.value = false;
        inFlight = false;
      }
    }
  }

  function reset(): Promise<void> {
    generation += 1;
    items.value = [];
    cursor = null;
    finished.value = false;
    loaded.value = false;
    loading.value = false;
    inFlight = false;
    error.value = null;
    return loadMore();
  }

  /** The whole page's state: only the first page decides it; later failures show inside the list. */
  const state = computed<PageStateKind>(() => {
    if (!loaded.value) return error.value !== null ? stateForError(error.value) : "loading";
    return items.value.length === 0 ? "empty" : "ready";
  });

  return { items, loading, finished, error, loaded, state, loadMore, reset };
}
