// Contacts tab: find colleagues, browse the organisation, open a colleague's card.
import { registerRoutes } from "@/app/routes";

registerRoutes(
  {
    path: "/contacts",
    name: "contacts",
    component: () => import("./ContactsPage.vue"),
    meta: { tab: true, section: "contacts", titleKey: "contacts.title" },
  },
  {
    path: "/contacts/org/:departmentId?",
    name: "contacts-org",
    component: () => import("./OrgBrowsePage.vue"),
    meta: { section: "contacts", titleKey: "contacts.organisation" },
  },
  {
    path: "/contacts/people/:employeeId",
    name: "contact-card",
    component: () => import("./ContactCardPage.vue"),
    meta: { section: "contacts", titleKey: "contacts.card.title" },
  },
);
