// Audit log, for audit administrators.
import { registerRoutes } from "@/app/routes";
import { registerWorkbenchEntry } from "@/app/workbench";

export const AUDIT_VIEW_PERMISSION = "audit.event.view";

registerRoutes({
  path: "/audit",
  name: "audit",
  component: () => import("./AuditLogPage.vue"),
  meta: { section: "workbench", titleKey: "audit.title", permission: AUDIT_VIEW_PERMISSION },
});

registerWorkbenchEntry({
  key: "audit",
  titleKey: "workbench.entries.audit",
  icon: "records-o",
  to: "/audit",
  permission: AUDIT_VIEW_PERMISSION,
  category: "admin",
});
