// Shapes of /api/v1/notifications/, from the generated schema.
import type { components } from "@/api/schema";

type Schemas = components["schemas"];

export type Notification = Schemas["NotificationOut"];
export type NotificationPage = Schemas["PagedNotificationOut"];
export type NotificationSource = Notification["source"];
export type NotificationKind = Notification["kind"];
export type NotificationCounts = Schemas["NotificationCountsOut"];
export type Preferences = Schemas["NotificationPreferencesOut"];
export type PreferencesInput = Schemas["NotificationPreferencesIn"];
export type Channel = Preferences["kinds"][number]["locked"][number];

export const SOURCES: readonly NotificationSource[] = ["approvals", "accounts"];
export const CHANNELS: readonly Channel[] = ["in_app", "push", "email", "im"];
