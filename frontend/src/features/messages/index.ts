// Messages tab (notification centre).
import { registerRoutes } from "@/app/routes";

registerRoutes({
  path: "/messages",
  name: "messages",
  component: () => import("./MessagesPage.vue"),
  meta: { tab: true, section: "messages", titleKey: "messages.title" },
});
