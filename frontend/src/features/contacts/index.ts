// Contacts tab: the colleague directory.
import { registerRoutes } from "@/app/routes";

registerRoutes({
  path: "/contacts",
  name: "contacts",
  component: () => import("./ContactsPage.vue"),
  meta: { tab: true, section: "contacts", titleKey: "contacts.title" },
});
