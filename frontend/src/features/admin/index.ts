// The Django admin console, for staff only; it is a server page, so a plain link.
import { registerWorkbenchEntry } from "@/app/workbench";

registerWorkbenchEntry({
  key: "admin-console",
  titleKey: "workbench.entries.adminConsole",
  icon: "setting-o",
  to: "/admin/",
  external: true,
  staffOnly: true,
  category: "admin",
});
