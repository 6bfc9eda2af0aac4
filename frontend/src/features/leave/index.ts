// Leave (假期): my balances and their history for everyone; HR's view of one person's balances,
// with adjustments.
import { registerRoutes } from "@/app/routes";
import { registerWorkbenchEntry } from "@/app/workbench";

import { BALANCE_MANAGE_PERMISSION } from "./permissions";

registerRoutes(
  {
    path: "/leave",
    name: "leave-balances",
    component: () => import("./pages/MyLeavePage.vue"),
    meta: { section: "workbench", titleKey: "leave.title" },
  },
  {
    path: "/leave/admin",
    name: "leave-admin",
    component: () => import("./pages/LeaveAdminPage.vue"),
    meta: { section: "workbench", titleKey: "leave.admin.title", permission: BALANCE_MANAGE_PERMISSION },
  },
  {
    path: "/leave/employees/:employeeId",
    name: "leave-employee",
    component: () => import("./pages/EmployeeLeavePage.vue"),
    meta: { section: "workbench", titleKey: "leave.employee.fallbackTitle", permission: BALANCE_MANAGE_PERMISSION },
  },
);

registerWorkbenchEntry({
  key: "leave",
  titleKey: "leave.title",
  icon: "calendar-o",
  to: "/leave",
  category: "general",
});

registerWorkbenchEntry({
  key: "leave-admin",
  titleKey: "leave.adminEntry",
  icon: "balance-list-o",
  to: "/leave/admin",
  permission: BALANCE_MANAGE_PERMISSION,
  category: "admin",
});
