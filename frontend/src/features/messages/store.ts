// Unread counts for the Messages badge, live through the `notifications` topic (and refetched after
// a reconnect, so what arrived while offline shows up when the network is back).
import { defineStore } from "pinia";
import { computed, ref, shallowRef } from "vue";

import { onTopicChanged } from "@/realtime/topics";

import { fetchCounts } from "./api";
import type { NotificationCounts, NotificationSource } from "./types";

export const NOTIFICATIONS_TOPIC = "notifications";

export const useNotificationCountsStore = defineStore("notificationCounts", () => {
  const counts = ref<NotificationCounts | null>(null);
  const error = shallowRef<unknown>(null);

  async function load(): Promise<void> {
    try {
      counts.value = await fetchCounts();
      error.value = null;
    } catch (caught) {
      error.value = caught;
    }
  }

  const total = computed(() => counts.value?.total ?? 0);
  function unread(source: NotificationSource): number {
    return counts.value?.by_source[source] ?? 0;
  }

  onTopicChanged(NOTIFICATIONS_TOPIC, load);
  return { counts, error, total, unread, load };
});

/** The badge text of a count: nothing for none, "99+" for many. */
export function badgeText(count: number): string | undefined {
  if (count <= 0) return undefined;
  return count > 99 ? "99+" : String(count);
}
