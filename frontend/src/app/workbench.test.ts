import { describe, expect, it } from "vitest";

import { groupEntries, visibleEntries, type WorkbenchEntry } from "./workbench";

const entries: WorkbenchEntry[] = [
  { key: "approvals", titleKey: "a", icon: "a", to: "/approvals" },
  { key: "audit", titleKey: "b", icon: "b", to: "/audit", permission: "audit.event.view", category: "admin" },
  {
    key: "system-status",
    titleKey: "c",
    icon: "c",
    to: "/system/status",
    permission: "system.status.view",
    category: "admin",
  },
  { key: "admin-console", titleKey: "d", icon: "d", to: "/admin/", external: true, staffOnly: true, category: "admin" },
];

const keys = (list: WorkbenchEntry[]) => list.map((entry) => entry.key);

describe("visibleEntries", () => {
  it("hides entries whose permission the user lacks", () => {
    expect(keys(visibleEntries(entries, { permissions: [], is_staff: false }))).toEqual(["approvals"]);
  });

  it("shows an entry to a user with its permission", () => {
    expect(keys(visibleEntries(entries, { permissions: ["audit.event.view"], is_staff: false }))).toEqual([
      "approvals",
      "audit",
    ]);
  });

  it("shows staff-only entries to staff only", () => {
    expect(keys(visibleEntries(entries, { permissions: ["system.status.view"], is_staff: true }))).toEqual([
      "approvals",
      "system-status",
      "admin-console",
    ]);
  });

  it("shows nothing to nobody", () => {
    expect(visibleEntries(entries, null)).toEqual([]);
  });
});

describe("groupEntries", () => {
  it("groups by category in a fixed order and drops empty groups", () => {
    const groups = groupEntries(visibleEntries(entries, { permissions: ["audit.event.view"], is_staff: false }));
    expect(groups.map((group) => [group.category, keys(group.entries)])).toEqual([
      ["general", ["approvals"]],
      ["admin", ["audit"]],
    ]);
    expect(groupEntries([])).toEqual([]);
  });
});

describe("the registered entries", () => {
  it("give Audit log to audit administrators, System status and Admin console to system staff", async () => {
    await import("@/features");
    const { registeredWorkbenchEntries } = await import("./workbench");
    const all = registeredWorkbenchEntries();
    // The approval centre, the punch screen and my leave are everyone's: anyone may submit, approve, punch
    // and see their own leave.
    expect(keys(visibleEntries(all, { permissions: ["audit.event.view"], is_staff: false }))).toEqual([
      "approvals",
      "attendance",
      "leave",
      "documents",
      "audit",
    ]);
    expect(keys(visibleEntries(all, { permissions: ["system.status.view"], is_staff: true }))).toEqual([
      "approvals",
      "attendance",
      "leave",
      "documents",
      "system-status",
      "admin-console",
    ]);
    expect(keys(visibleEntries(all, { permissions: [], is_staff: false }))).toEqual(["approvals", "attendance", "leave", "documents"]);
  });

  it("give the organisation's pages to those with their permissions", async () => {
    await import("@/features");
    const { registeredWorkbenchEntries } = await import("./workbench");
    const all = registeredWorkbenchEntries();
    // The demo's system administrator.
    const admin = [
      "org.department.manage",
      "org.employee.manage",
      "org.employee.view",
      "org.settings.manage",
      "system.status.view",
      "approvals.template.manage",
      "attendance.group.manage",
    ];
    expect(keys(visibleEntries(all, { permissions: admin, is_staff: true }))).toEqual([
      "approvals",
      "attendance",
      "attendance-groups",
      "attendance-shifts",
      "leave",
      "documents",
      "org-departments",
      "org-employees",
      "org-settings",
      "system-status",
      "admin-console",
      "approval-templates",
    ]);
    // A department manager sees their people; the security administrator manages roles.
    expect(keys(visibleEntries(all, { permissions: ["org.employee.view"], is_staff: false }))).toEqual([
      "approvals",
      "attendance",
      "leave",
      "documents",
      "org-employees",
    ]);
    expect(keys(visibleEntries(all, { permissions: ["org.role.manage"], is_staff: false }))).toEqual([
      "approvals",
      "attendance",
      "leave",
      "documents",
      "org-roles",
    ]);
    // HR adjusts leave balances.
    expect(keys(visibleEntries(all, { permissions: ["leave.balance.manage"], is_staff: false }))).toEqual([
      "approvals",
      "attendance",
      "leave",
      "leave-admin",
      "documents",
    ]);
  });
});
