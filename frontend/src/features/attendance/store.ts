// The punch screen's state, shared with the background sync: today's rules and slots (from the
// device's copy first, then the server), the punch queue, and the consents. The queue is sent when
// a punch is made, when the network comes back, when the app comes to the foreground, when someone
// signs in and every 30 seconds while something waits.
import { defineStore } from "pinia";
import { computed, ref, shallowRef } from "vue";

import { notifyUnauthenticated, officiumFetch } from "@/api/http";
import { ApiError, isApiError } from "@/api/problem";
import { stateForError, type PageStateKind } from "@/app/pageState";
import { useMeStore } from "@/features/me/store";
import { isOffline, networkState, onBackOnline } from "@/offline/network";

import { fetchToday, setConsent } from "./api";
import type { HostWifi } from "./logic/hostWifi";
import type { Fix } from "./logic/location";
import { databaseExists, indexedDbAvailable, IndexedDbPunchStorage } from "./logic/idbStorage";
import { PunchQueue } from "./logic/queue";
import { snapshotOf, withRecordedPunch, type TodaySnapshot } from "./logic/snapshot";
import { MemoryPunchStorage, type PunchStorage, type QueuedPunch } from "./logic/storage";
import { createTransport, isRetryable, type FetchLike } from "./logic/transport";
import type { ConsentPurpose } from "./types";

export const FLUSH_EVERY_MS = 30_000;
const SNAPSHOT_KEY = "today";
const PENDING_CONSENTS_KEY = "pendingConsents";
const PERSIST_ASKED_KEY = "persistAsked";

/** A punch as the button made it, before it is written to the queue. */
export interface NewPunch {
  id: string;
  deviceTime: Date;
  fix: Fix | null;
  fieldWork: boolean;
  remark: string;
  photo: Blob | null;
  /** The Wi-Fi the host app reported (null: none, or a browser). */
  wifi: HostWifi | null;
  /** The clock-in place or Wi-Fi network the screen judged it at. */
  placeName: string | null;
}

// A 401 while flushing means the session ended: ask to sign in again, like any other request.
const punchFetch: FetchLike = async (input, init) => {
  const response = await officiumFetch(input, init);
  if (response.status === 401) notifyUnauthenticated();
  return response;
};

export const usePunchStore = defineStore("attendancePunch", () => {
  const me = useMeStore();
  const snapshot = shallowRef<TodaySnapshot | null>(null);
  const loadError = shallowRef<unknown>(null);
  const loading = ref(false);
  const entries = shallowRef<QueuedPunch[]>([]);
  const pendingConsents = shallowRef<ConsentPurpose[]>([]);
  const syncing = ref(false);
  let storage: PunchStorage | null = null;
  let queue: PunchQueue | null = null;
  let opening: Promise<PunchStorage> | null = null;
  let triggersInstalled = false;

  const owner = computed(() => me.me?.id ?? snapshot.value?.owner ?? "");
  const timeZone = computed(() => me.me?.time_zone ?? snapshot.value?.timeZone);
  const mine = computed(() => entries.value.filter((entry) => entry.owner === owner.value || entry.owner === ""));
  const pending = computed(() => mine.value.filter((entry) => entry.state === "pending"));
  const consents = computed(() => new Set([...(snapshot.value?.today.consents ?? []), ...pendingConsents.value]));
  const state = computed<PageStateKind>(() => {
    if (snapshot.value) return "ready";
    if (loadError.value) return stateForError(loadError.value);
    return "loading";
  });

  async function saveSnapshot(next: TodaySnapshot): Promise<void> {
    snapshot.value = next;
    await storage?.write(SNAPSHOT_KEY, next).catch(() => undefined);
  }

  async function refreshEntries(): Promise<void> {
    if (queue) entries.value = await queue.entries();
  }

  /** Opens the queue on the device (IndexedDB, else memory for this tab only). */
  function open(): Promise<PunchStorage> {
    opening ??= (async () => {
      let opened: PunchStorage = new MemoryPunchStorage();
      if (indexedDbAvailable()) {
        const onDisk = new IndexedDbPunchStorage();
        try {
          await onDisk.list();
          opened = onDisk;
        } catch (error) {
          console.warn("Attendance: IndexedDB unavailable, punches are kept in this tab only", error);
        }
      }
      storage = opened;
      queue = new PunchQueue(opened, createTransport(punchFetch), {
        synced: (_entry, punch) => {
          if (snapshot.value) void saveSnapshot(withRecordedPunch(snapshot.value, punch));
        },
      });
      pendingConsents.value = (await opened.read<ConsentPurpose[]>(PENDING_CONSENTS_KEY).catch(() => undefined)) ?? [];
      const cached = await opened.read<TodaySnapshot>(SNAPSHOT_KEY).catch(() => undefined);
      if (cached && !snapshot.value && (!me.me || cached.owner === me.me.id)) snapshot.value = cached;
      await refreshEntries();
      return opened;
    })();
    return opening;
  }

  /** Today's rules from the server (the device's copy stays when that fails). */
  async function loadToday(): Promise<void> {
    await open();
    if (networkState.browserOnline === false) {
      if (!snapshot.value) loadError.value = ApiError.network();
      return;
    }
    loading.value = true;
    try {
      const answer = await fetchToday();
      const fresh = snapshotOf(answer, Date.now(), owner.value, timeZone.value);
      loadError.value = null;
      await saveSnapshot(fresh);
    } catch (error) {
      loadError.value = error;
    } finally {
      loading.value = false;
    }
  }

  /** Consents given offline go first: the punches that follow rely on them. False: try later. */
  async function sendPendingConsents(): Promise<boolean> {
    for (const purpose of [...pendingConsents.value]) {
      try {
        await updateConsents(await setConsent(purpose, true));
      } catch (error) {
        // Refused for good (not an employee, say): the punches will hear the same and say why.
        const refused = isApiError(error) && !error.isNetwork && !isRetryable(error.status);
        if (!refused) return false;
      }
      pendingConsents.value = pendingConsents.value.filter((item) => item !== purpose);
      await storage?.write(PENDING_CONSENTS_KEY, [...pendingConsents.value]).catch(() => undefined);
    }
    return true;
  }

  async function updateConsents(list: ConsentPurpose[]): Promise<void> {
    if (snapshot.value) await saveSnapshot({ ...snapshot.value, today: { ...snapshot.value.today, consents: list } });
  }

  /** Agrees to a use; offline, the agreement is kept and sent before the next punch. */
  async function grantConsent(purpose: ConsentPurpose): Promise<void> {
    await open();
    try {
      await updateConsents(await setConsent(purpose, true));
    } catch (error) {
      if (!isApiError(error) || !error.isNetwork) throw error;
      pendingConsents.value = [...new Set([...pendingConsents.value, purpose])];
      await storage?.write(PENDING_CONSENTS_KEY, [...pendingConsents.value]);
    }
  }

  /**
   * Sends what waits (when signed in and the browser has a network). Once punches are recorded, today
   * is asked for again: the server has judged them against the shift (today's slots).
   */
  async function flush(): Promise<void> {
    if (!queue || me.status !== "authenticated" || !me.me || !networkState.browserOnline) return;
    syncing.value = true;
    let recorded: boolean;
    try {
      if (!(await sendPendingConsents())) return;
      const result = await queue.flush({ owner: me.me.id, skewMs: snapshot.value?.skewMs ?? null });
      recorded = result.synced.length > 0;
    } finally {
      syncing.value = false;
      await refreshEntries();
    }
    if (recorded) await loadToday();
  }

  /** Writes the punch to the queue (the screen shows it at once), then sends it. */
  async function record(punch: NewPunch): Promise<QueuedPunch> {
    await open();
    const entry: QueuedPunch = {
      id: punch.id,
      owner: owner.value,
      payload: {
        id: punch.id,
        device_time: punch.deviceTime.toISOString(),
        latitude: punch.fix ? punch.fix.latitude.toFixed(6) : null,
        longitude: punch.fix ? punch.fix.longitude.toFixed(6) : null,
        accuracy_m: punch.fix ? Math.round(punch.fix.accuracyM) : null,
        datum: "wgs84",
        field_work: punch.fieldWork,
        remark: punch.remark.trim(),
        photo_id: null,
        clock_skew_ms: snapshot.value?.skewMs ?? null,
        wifi: punch.wifi,
      },
      photo: punch.photo,
      firstTryOnline: !isOffline.value,
      state: "pending",
      rejection: null,
      placeName: punch.placeName,
    };
    await queue!.add(entry);
    entries.value = [...entries.value, entry];
    void askForPersistentStorage();
    void flush();
    return entry;
  }

  async function dismiss(id: string): Promise<void> {
    await queue?.dismiss(id);
    await refreshEntries();
  }

  /** Asks once that the browser never evicts the queue under storage pressure. */
  async function askForPersistentStorage(): Promise<void> {
    if (!storage || typeof navigator === "undefined" || !navigator.storage?.persist) return;
    if (await storage.read<boolean>(PERSIST_ASKED_KEY).catch(() => true)) return;
    await storage.write(PERSIST_ASKED_KEY, true).catch(() => undefined);
    await navigator.storage.persist().catch(() => false);
  }

  function installTriggers(): void {
    if (triggersInstalled || typeof window === "undefined") return;
    triggersInstalled = true;
    onBackOnline(() => void flush());
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible") void flush();
    });
    window.setInterval(() => {
      if (pending.value.length) void flush();
    }, FLUSH_EVERY_MS);
  }

  /** The punch screen opened: the queue (created if needed) and today's rules; then a flush. */
  async function enter(): Promise<void> {
    await open();
    installTriggers();
    await loadToday();
    void flush();
  }

  /** Someone signed in: send what an earlier visit left in the queue (never creates the queue). */
  async function resume(): Promise<void> {
    if (!storage && !(await databaseExists())) return;
    await open();
    installTriggers();
    await flush();
  }

  return {
    snapshot,
    loadError,
    loading,
    entries: mine,
    pending,
    consents,
    syncing,
    state,
    timeZone,
    enter,
    resume,
    loadToday,
    grantConsent,
    record,
    flush,
    dismiss,
  };
});
