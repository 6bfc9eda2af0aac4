// The department tree, loaded once and shared by the contacts browser, the pickers and the editor.
import { defineStore } from "pinia";
import { computed, ref, shallowRef } from "vue";

import type { Department } from "@/api/types";
import { stateForError, type PageStateKind } from "@/app/pageState";
import { onTopicChanged } from "@/realtime/topics";

import { fetchDepartments } from "./api";
import { buildTree } from "./tree";

export const useDepartmentsStore = defineStore("departments", () => {
  const items = shallowRef<Department[]>([]);
  const loaded = ref(false);
  const error = shallowRef<unknown>(null);
  let pending: Promise<void> | null = null;

  const tree = computed(() => buildTree(items.value));

  const state = computed<PageStateKind>(() => {
    if (loaded.value) return items.value.length === 0 ? "empty" : "ready";
    return error.value !== null ? stateForError(error.value) : "loading";
  });

  async function fetchAll(): Promise<void> {
    try {
      items.value = await fetchDepartments();
      loaded.value = true;
      error.value = null;
    } catch (caught) {
      // A refetch that failed keeps the tree we have; the caller shows the error.
      error.value = caught;
      if (loaded.value) throw caught;
    }
  }

  /** Loads the list unless it is here already (`force`: after a change); callers share one request. */
  function load(force = false): Promise<void> {
    if (loaded.value && !force) return Promise.resolve();
    if (!loaded.value) error.value = null;
    pending ??= fetchAll().finally(() => {
      pending = null;
    });
    return pending;
  }

  function byId(id: string | null | undefined): Department | undefined {
    return id ? tree.value.byId.get(id)?.department : undefined;
  }

  // Someone changed the organisation elsewhere: refetch what we show.
  onTopicChanged("org", () => (loaded.value ? load(true).catch(() => undefined) : undefined));

  return { items, loaded, error, tree, state, load, byId };
});
