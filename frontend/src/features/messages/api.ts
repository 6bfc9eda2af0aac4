// Calls to /api/v1/notifications/: my notifications, their unread counts, reading them, my preferences.
import { api, unwrap } from "@/api/client";

import type {
  Notification,
  NotificationCounts,
  NotificationPage,
  NotificationSource,
  Preferences,
  PreferencesInput,
} from "./types";

export const PAGE_SIZE = 30;

export function fetchNotifications(source: NotificationSource | null, cursor: string | null): Promise<NotificationPage> {
  return unwrap(
    api.GET("/api/v1/notifications", {
      params: { query: { source: source ?? undefined, cursor: cursor ?? undefined, limit: PAGE_SIZE } },
    }),
  );
}

export function fetchCounts(): Promise<NotificationCounts> {
  return unwrap(api.GET("/api/v1/notifications/counts"));
}

export function markRead(notificationId: string): Promise<Notification> {
  return unwrap(
    api.POST("/api/v1/notifications/{notification_id}/read", { params: { path: { notification_id: notificationId } } }),
  );
}

export function markAllRead(source: NotificationSource | null): Promise<{ marked: number }> {
  return unwrap(api.POST("/api/v1/notifications/read-all", { body: { source } }));
}

export function fetchPreferences(): Promise<Preferences> {
  return unwrap(api.GET("/api/v1/notifications/preferences"));
}

export function savePreferences(body: PreferencesInput): Promise<Preferences> {
  return unwrap(api.PUT("/api/v1/notifications/preferences", { body }));
}
