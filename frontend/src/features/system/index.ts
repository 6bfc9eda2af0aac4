// System status, for system administrators.
import { registerRoutes } from "@/app/routes";
import { registerWorkbenchEntry } from "@/app/workbench";

export const SYSTEM_STATUS_PERMISSION = "system.status.view";

registerRoutes({
  path: "/system/status",
  name: "system-status",
  component: () => import("./SystemStatusPage.vue"),
  meta: { section: "workbench", titleKey: "system.title", permission: SYSTEM_STATUS_PERMISSION },
});

registerWorkbenchEntry({
  key: "system-status",
  titleKey: "workbench.entries.systemStatus",
  icon: "chart-trending-o",
  to: "/system/status",
  permission: SYSTEM_STATUS_PERMISSION,
  category: "admin",
});
