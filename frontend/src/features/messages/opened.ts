// A notification tapped in the phone's notification shade (Web Push) opens its link with
// `?from_notification=<id>`: opening it there counts as reading it, as a tap in Messages does.
import type { RouteLocationNormalized, Router } from "vue-router";

import { markRead } from "./api";
import { useNotificationCountsStore } from "./store";

export const OPENED_PARAMETER = "from_notification";

export async function markOpenedFromPush(to: RouteLocationNormalized, router: Router): Promise<void> {
  const id = to.query[OPENED_PARAMETER];
  if (typeof id !== "string" || !id) return;
  const { [OPENED_PARAMETER]: _opened, ...query } = to.query;
  await router.replace({ path: to.path, query, hash: to.hash });
  try {
    await markRead(id);
    await useNotificationCountsStore().load();
  } catch {
    // Offline or already gone: the notification stays unread in Messages, where it can be opened.
  }
}
