// Organisation administration: departments, employees, roles and grants, settings. Each page and
// workbench entry needs the permission its API operations need (x-permission).
import { registerRoutes } from "@/app/routes";
import { registerWorkbenchEntry } from "@/app/workbench";

import {
  DEPARTMENT_MANAGE_PERMISSION,
  EMPLOYEE_MANAGE_PERMISSION,
  EMPLOYEE_VIEW_PERMISSION,
  ROLE_MANAGE_PERMISSION,
  SETTINGS_MANAGE_PERMISSION,
} from "./permissions";

registerRoutes(
  {
    path: "/org/departments",
    name: "org-departments",
    component: () => import("./DepartmentsPage.vue"),
    meta: { section: "workbench", titleKey: "org.departments.title", permission: DEPARTMENT_MANAGE_PERMISSION },
  },
  {
    path: "/org/employees",
    name: "org-employees",
    component: () => import("./EmployeesPage.vue"),
    meta: { section: "workbench", titleKey: "org.employees.title", permission: EMPLOYEE_VIEW_PERMISSION },
  },
  {
    path: "/org/employees/new",
    name: "org-employee-new",
    component: () => import("./EmployeeFormPage.vue"),
    meta: { section: "workbench", titleKey: "org.employees.createTitle", permission: EMPLOYEE_MANAGE_PERMISSION },
  },
  {
    path: "/org/employees/:employeeId",
    name: "org-employee",
    component: () => import("./EmployeeDetailPage.vue"),
    meta: { section: "workbench", titleKey: "org.employees.record", permission: EMPLOYEE_VIEW_PERMISSION },
  },
  {
    path: "/org/employees/:employeeId/edit",
    name: "org-employee-edit",
    component: () => import("./EmployeeFormPage.vue"),
    meta: { section: "workbench", titleKey: "org.employees.editTitle", permission: EMPLOYEE_MANAGE_PERMISSION },
  },
  {
    path: "/org/roles",
    name: "org-roles",
    component: () => import("./RolesPage.vue"),
    meta: { section: "workbench", titleKey: "org.roles.title", permission: ROLE_MANAGE_PERMISSION },
  },
  {
    path: "/org/roles/:roleKey",
    name: "org-role",
    component: () => import("./RoleDetailPage.vue"),
    meta: { section: "workbench", titleKey: "org.roles.title", permission: ROLE_MANAGE_PERMISSION },
  },
  {
    path: "/org/settings",
    name: "org-settings",
    component: () => import("./OrgSettingsPage.vue"),
    meta: { section: "workbench", titleKey: "org.settings.title", permission: SETTINGS_MANAGE_PERMISSION },
  },
);

registerWorkbenchEntry({
  key: "org-departments",
  titleKey: "workbench.entries.departments",
  icon: "cluster-o",
  to: "/org/departments",
  permission: DEPARTMENT_MANAGE_PERMISSION,
  category: "admin",
});
registerWorkbenchEntry({
  key: "org-employees",
  titleKey: "workbench.entries.employees",
  icon: "friends-o",
  to: "/org/employees",
  permission: EMPLOYEE_VIEW_PERMISSION,
  category: "admin",
});
registerWorkbenchEntry({
  key: "org-roles",
  titleKey: "workbench.entries.roles",
  icon: "shield-o",
  to: "/org/roles",
  permission: ROLE_MANAGE_PERMISSION,
  category: "admin",
});
registerWorkbenchEntry({
  key: "org-settings",
  titleKey: "workbench.entries.orgSettings",
  icon: "eye-o",
  to: "/org/settings",
  permission: SETTINGS_MANAGE_PERMISSION,
  category: "admin",
});
