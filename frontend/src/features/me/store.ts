// Who is signed in: the session state the router guard relies on, and the user's profile.
import { defineStore } from "pinia";
import { computed, ref, shallowRef } from "vue";

import { isApiError } from "@/api/problem";
import type { Me } from "@/api/types";
import { applyLanguage, currentLanguage, type Language } from "@/i18n";
import { isLanguage } from "@/i18n/language";
import { rememberDisplayName } from "@/offline/storage";
import { onTopicChanged } from "@/realtime/topics";

import { fetchMe, patchMe } from "./api";

/** `unreachable`: we could not ask the server (offline, or it failed); the app still opens. */
export type SessionStatus = "unknown" | "authenticated" | "anonymous" | "unreachable";

interface Asked {
  choice: number;
  duringSave: boolean;
}

export const useMeStore = defineStore("me", () => {
  const me = ref<Me | null>(null);
  const status = ref<SessionStatus>("unknown");
  const error = shallowRef<unknown>(null);
  let pending: Promise<void> | null = null;
  // Bumped by every local language choice: a profile fetched before the latest choice must not
  // switch the language back, and saves go out one after another so the last choice wins.
  let languageChoice = 0;
  let languageSave: Promise<unknown> = Promise.resolve();
  // While a save is on its way, the server may still answer with the language it replaces (its own
  // "me changed" hint can even arrive before our save's answer): the device's choice stands meanwhile.
  let savesInFlight = 0;
  // Bumped when the session ends: an answer to a request sent before must not write anything back
  // (signing out clears browser storage; a late profile would put the user's name there again).
  let session = 0;

  const permissions = computed(() => new Set(me.value?.permissions ?? []));

  function can(permission: string): boolean {
    return permissions.value.has(permission);
  }

  /** What a profile request must know, when it is sent, to judge its answer's language later. */
  function askedNow(): Asked {
    return { choice: languageChoice, duringSave: savesInFlight > 0 };
  }

  function adopt(profile: Me, asked: Asked): void {
    me.value = profile;
    status.value = "authenticated";
    error.value = null;
    rememberDisplayName(profile.display_name || profile.username);
    // The language saved in the account follows the user to every device. Not from an answer to a
    // question asked during a save: the server may have read the account before the save committed,
    // and concurrent answers can arrive in any order.
    const stale = asked.choice !== languageChoice || asked.duringSave || savesInFlight > 0;
    if (!stale && isLanguage(profile.language) && profile.language !== currentLanguage()) {
      void applyLanguage(profile.language, { persist: true });
    }
  }

  async function fetchAndAdopt(): Promise<void> {
    const sessionWhenAsked = session;
    try {
      const asked = askedNow();
      const profile = await fetchMe();
      if (sessionWhenAsked !== session) return;
      adopt(profile, asked);
    } catch (caught) {
      if (isApiError(caught) && caught.status === 401) {
        markAnonymous();
        return;
      }
      error.value = caught;
      // Keep a profile we already have: a refetch that failed does not sign anyone out.
      if (!me.value) status.value = "unreachable";
    }
  }

  /** Loads the profile; concurrent callers share one request. */
  function load(): Promise<void> {
    pending ??= fetchAndAdopt().finally(() => {
      pending = null;
    });
    return pending;
  }

  function markAnonymous(): void {
    session += 1;
    me.value = null;
    status.value = "anonymous";
  }

  async function updateDisplayName(displayName: string): Promise<void> {
    const asked = askedNow();
    const sessionWhenAsked = session;
    const profile = await patchMe({ display_name: displayName });
    if (sessionWhenAsked === session) adopt(profile, asked);
  }

  /** Applies at once and on this device; saving it to the account may fail (then it throws). */
  async function setLanguage(language: Language): Promise<void> {
    languageChoice += 1;
    const applying = applyLanguage(language, { persist: true });
    if (status.value !== "authenticated") return applying;
    savesInFlight += 1;
    const save = languageSave.catch(() => undefined).then(() => patchMe({ language }));
    languageSave = save;
    try {
      me.value = await save;
    } finally {
      savesInFlight -= 1;
    }
    await applying;
  }

  // The server says "me" changed (another device renamed us, an admin changed our roles).
  onTopicChanged("me", () => (status.value === "authenticated" ? load() : undefined));

  return { me, status, error, permissions, can, load, markAnonymous, updateDisplayName, setLanguage };
});
