// Shared approval state: the inbox counts (live through the `approvals.inbox` topic) and the outbox
// of actions (sent now when online, queued and replayed in order when not).
import { defineStore } from "pinia";
import { computed, ref, shallowRef } from "vue";

import { useMeStore } from "@/features/me/store";
import { isOffline, onBackOnline } from "@/offline/network";
import { onTopicChanged } from "@/realtime/topics";

import { fetchCounts, postRaw } from "./api";
import { Outbox, type OutboxEntry } from "./logic/outbox";
import type { InboxCounts } from "./types";

export const INBOX_TOPIC = "approvals.inbox";

export const useApprovalCountsStore = defineStore("approvalCounts", () => {
  const counts = ref<InboxCounts | null>(null);
  const error = shallowRef<unknown>(null);

  async function load(): Promise<void> {
    try {
      counts.value = await fetchCounts();
      error.value = null;
    } catch (caught) {
      error.value = caught;
    }
  }

  onTopicChanged(INBOX_TOPIC, () => (counts.value ? load() : undefined));
  return { counts, error, load };
});

/** Actions that decide my task: once one waits in the outbox, the task is as good as done here. */
export const DECISIONS: ReadonlySet<string> = new Set(["approve", "reject", "return", "transfer", "add_sign"]);

export type ActionInput = Pick<OutboxEntry, "action" | "path" | "body" | "instanceId" | "title">;

export const useOutboxStore = defineStore("approvalOutbox", () => {
  const me = useMeStore();
  const entries = shallowRef<OutboxEntry[]>([]);
  let outbox: Outbox | null = null;
  let owner = "";

  // One outbox per signed-in user: another user on this browser never replays someone else's actions.
  function current(): Outbox {
    const userId = me.me?.id ?? "";
    if (!outbox || owner !== userId) {
      owner = userId;
      outbox = new Outbox(globalThis.localStorage, `officium.approvals.outbox.${userId}`, (list) => {
        entries.value = [...list];
      });
      entries.value = outbox.entries();
    }
    return outbox;
  }

  const waiting = computed(() => entries.value.filter((e) => e.status === "queued" || e.status === "sending"));
  /** Approvals with a decision of mine waiting to be sent. */
  const decided = computed(
    () => new Set(entries.value.filter((e) => DECISIONS.has(e.action) && (e.status === "queued" || e.status === "sending")).map((e) => e.instanceId)),
  );
  const answered = computed(() => entries.value.filter((e) => e.offline && !["queued", "sending"].includes(e.status)));

  function send(entry: OutboxEntry) {
    return postRaw(entry.path, entry.body, entry.id);
  }

  function replay(): Promise<void> {
    return current().replay(send);
  }

  /**
   * Takes an action: answered at once when the server can be reached; otherwise queued (the entry
   * comes back with status "queued") and sent when the network returns.
   */
  async function act(input: ActionInput): Promise<OutboxEntry> {
    const box = current();
    const offline = isOffline.value;
    const entry = box.enqueue({ ...input, id: crypto.randomUUID(), offline });
    if (offline) return entry;
    const answer = box.answered(entry.id);
    await replay();
    const after = box.get(entry.id);
    if (after && after.status === "queued") {
      // No answer arrived: it waits like any action taken offline.
      box.markOffline(entry.id);
      return { ...after, offline: true };
    }
    return answer;
  }

  function dismiss(id: string): void {
    current().dismiss(id);
  }

  onBackOnline(() => void replay());

  /** Called once the user is known: shows what waits and sends it if we are online. */
  function start(): void {
    current();
    if (!isOffline.value) void replay();
  }

  return { entries, waiting, decided, answered, act, dismiss, replay, start };
});
