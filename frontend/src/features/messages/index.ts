// Messages tab (notification centre), and the notification settings under Me.
import { registerAfterNavigation, registerRoutes } from "@/app/routes";
import { onSignedIn } from "@/app/signedIn";

import { markOpenedFromPush } from "./opened";
import { useNotificationCountsStore } from "./store";

registerRoutes(
  {
    path: "/messages",
    name: "messages",
    component: () => import("./MessagesPage.vue"),
    meta: { tab: true, section: "messages", titleKey: "messages.title" },
  },
  {
    path: "/me/notifications",
    name: "notification-settings",
    component: () => import("./PreferencesPage.vue"),
    meta: { section: "me", titleKey: "messages.settings.title" },
  },
);

// The badge on the Messages tab is known as soon as someone is signed in.
onSignedIn(() => void useNotificationCountsStore().load());

// A tapped Web Push notification opens its link with ?from_notification=<id>: that marks it read.
registerAfterNavigation((to, router) => void markOpenedFromPush(to, router));
