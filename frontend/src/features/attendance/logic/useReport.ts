// Loads one report whenever its parameters change, keeping the answer of the latest request only
// (a slow answer to an older filter never replaces a newer one), with the page's states.
import { computed, ref, shallowRef, watch, type Ref } from "vue";

import { stateForError, type PageStateKind } from "@/app/pageState";

export function useReport<P, T>(
  params: Ref<P>,
  load: (params: P) => Promise<T>,
  isEmpty: (data: T) => boolean,
): { data: Ref<T | null>; state: Ref<PageStateKind>; reload: () => Promise<void> } {
  const data = shallowRef<T | null>(null);
  const error = shallowRef<unknown>(null);
  const loading = ref(true);
  let latest = 0;

  async function reload(): Promise<void> {
    const ticket = ++latest;
    loading.value = true;
    error.value = null;
    try {
      const answer = await load(params.value);
      if (ticket !== latest) return;
      data.value = answer;
    } catch (caught) {
      if (ticket !== latest) return;
      error.value = caught;
    } finally {
      if (ticket === latest) loading.value = false;
    }
  }

  watch(() => JSON.stringify(params.value), reload, { immediate: true });

  const state = computed<PageStateKind>(() => {
    if (loading.value && data.value === null) return "loading";
    if (error.value !== null) return stateForError(error.value);
    if (data.value === null) return "loading";
    return isEmpty(data.value) ? "empty" : "ready";
  });
  return { data, state, reload };
}
