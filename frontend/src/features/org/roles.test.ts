import { describe, expect, it } from "vitest";

import type { Grant } from "@/api/types";
import en from "@/i18n/locales/en";

import { EMPLOYEE_STATUSES } from "./filters";
import { GRANT_SCOPES, grantsByRole, isGrantScope, isValidRoleKey } from "./roles";

function grant(id: string, roleKey: string, userName: string): Grant {
  return {
    id,
    user_id: `u-${id}`,
    user_name: userName,
    role: { id: `r-${roleKey}`, name: roleKey },
    role_key: roleKey,
    scope: "all",
    departments: [],
    granted_at: "2026-11-25T23:15:02Z",
  };
}

describe("roles and grants", () => {
  it("groups grants by role, each group by name", () => {
    const groups = grantsByRole([grant("1", "hr", "王芳"), grant("2", "employee", "李娜"), grant("3", "hr", "安安")]);
    expect([...groups.keys()]).toEqual(["hr", "employee"]);
    expect(groups.get("hr")!.map((g) => g.user_name)).toEqual(["安安", "王芳"]);
  });

  it("checks role keys and scopes", () => {
    expect(isValidRoleKey("payroll_clerk")).toBe(true);
    expect(isValidRoleKey("Payroll")).toBe(false);
    expect(isValidRoleKey("9lives")).toBe(false);
    expect(isGrantScope("department_tree")).toBe(true);
    expect(isGrantScope("everything")).toBe(false);
  });

  it("has a text for every scope and every status filter", () => {
    for (const scope of GRANT_SCOPES) expect(en.org.grants.scopes).toHaveProperty(scope);
    for (const status of EMPLOYEE_STATUSES) expect(en.org.employees.statusFilter).toHaveProperty(status);
  });
});
