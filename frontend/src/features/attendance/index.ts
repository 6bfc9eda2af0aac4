// Attendance (考勤): the punch screen for everyone, with its offline queue and today's slots, the
// month view with make-up requests, the reports (by person, day and department), and the
// administration of shifts, attendance groups, their clock-in places and rosters (排班).
import { registerRoutes } from "@/app/routes";
import { onSignedIn } from "@/app/signedIn";
import { registerWorkbenchEntry } from "@/app/workbench";

import { GROUP_MANAGE_PERMISSION, PERIOD_LOCK_PERMISSION, REPORT_VIEW_PERMISSION } from "./permissions";

registerRoutes(
  {
    path: "/attendance",
    name: "attendance-punch",
    component: () => import("./pages/PunchPage.vue"),
    meta: { section: "workbench", titleKey: "attendance.title" },
  },
  {
    path: "/attendance/month",
    name: "attendance-month",
    component: () => import("./pages/MonthPage.vue"),
    meta: { section: "workbench", titleKey: "attendance.month.title" },
  },
  {
    path: "/attendance/reports",
    name: "attendance-reports",
    component: () => import("./pages/ReportsPage.vue"),
    meta: { section: "workbench", titleKey: "attendance.reportsEntry", permission: REPORT_VIEW_PERMISSION },
  },
  {
    path: "/attendance/shifts",
    name: "attendance-shifts",
    component: () => import("./pages/ShiftsPage.vue"),
    meta: { section: "workbench", titleKey: "attendance.shifts.title", permission: GROUP_MANAGE_PERMISSION },
  },
  {
    path: "/attendance/shifts/new",
    name: "attendance-shift-new",
    component: () => import("./pages/ShiftPage.vue"),
    meta: { section: "workbench", titleKey: "attendance.shifts.newTitle", permission: GROUP_MANAGE_PERMISSION },
  },
  {
    path: "/attendance/shifts/:shiftId",
    name: "attendance-shift",
    component: () => import("./pages/ShiftPage.vue"),
    meta: { section: "workbench", titleKey: "attendance.shifts.editTitle", permission: GROUP_MANAGE_PERMISSION },
  },
  {
    path: "/attendance/periods",
    name: "attendance-periods",
    component: () => import("./pages/PeriodsPage.vue"),
    meta: { section: "workbench", titleKey: "attendance.periods.title", permission: PERIOD_LOCK_PERMISSION },
  },
  {
    path: "/attendance/groups",
    name: "attendance-groups",
    component: () => import("./pages/GroupsPage.vue"),
    meta: { section: "workbench", titleKey: "attendance.admin.title", permission: GROUP_MANAGE_PERMISSION },
  },
  {
    path: "/attendance/groups/new",
    name: "attendance-group-new",
    component: () => import("./pages/GroupPage.vue"),
    meta: { section: "workbench", titleKey: "attendance.admin.newTitle", permission: GROUP_MANAGE_PERMISSION },
  },
  {
    path: "/attendance/groups/:groupId/roster",
    name: "attendance-group-roster",
    component: () => import("./pages/RosterPage.vue"),
    meta: { section: "workbench", titleKey: "attendance.admin.editRoster", permission: GROUP_MANAGE_PERMISSION },
  },
  {
    path: "/attendance/groups/:groupId",
    name: "attendance-group",
    component: () => import("./pages/GroupPage.vue"),
    meta: { section: "workbench", titleKey: "attendance.admin.editTitle", permission: GROUP_MANAGE_PERMISSION },
  },
);

registerWorkbenchEntry({
  key: "attendance",
  titleKey: "attendance.title",
  icon: "clock-o",
  to: "/attendance",
  category: "general",
});

registerWorkbenchEntry({
  key: "attendance-periods",
  titleKey: "attendance.periods.entry",
  icon: "lock",
  to: "/attendance/periods",
  permission: PERIOD_LOCK_PERMISSION,
  category: "admin",
});

registerWorkbenchEntry({
  key: "attendance-reports",
  titleKey: "attendance.reportsEntry",
  icon: "chart-trending-o",
  to: "/attendance/reports",
  permission: REPORT_VIEW_PERMISSION,
  category: "admin",
});

registerWorkbenchEntry({
  key: "attendance-groups",
  titleKey: "attendance.groupsEntry",
  icon: "location-o",
  to: "/attendance/groups",
  permission: GROUP_MANAGE_PERMISSION,
  category: "admin",
});

registerWorkbenchEntry({
  key: "attendance-shifts",
  titleKey: "attendance.shiftsEntry",
  icon: "underway-o",
  to: "/attendance/shifts",
  permission: GROUP_MANAGE_PERMISSION,
  category: "admin",
});

// Punches queued on an earlier visit (offline) are sent as soon as the app knows who is signed in.
onSignedIn(() => {
  void import("./store").then(({ usePunchStore }) => usePunchStore().resume());
});
