// Roles and grants as the pages show them: grants grouped by role, scope wording, key rules.
import type { Grant, GrantScope } from "@/api/types";

export const GRANT_SCOPES: readonly GrantScope[] = ["self", "department", "department_tree", "all", "custom"];

export function isGrantScope(value: string): value is GrantScope {
  return (GRANT_SCOPES as readonly string[]).includes(value);
}

/** Grants by role key, each group by person name. */
export function grantsByRole(grants: readonly Grant[]): Map<string, Grant[]> {
  const groups = new Map<string, Grant[]>();
  for (const grant of grants) {
    const list = groups.get(grant.role_key) ?? [];
    list.push(grant);
    groups.set(grant.role_key, list);
  }
  const collator = new Intl.Collator("zh-CN");
  for (const list of groups.values()) list.sort((a, b) => collator.compare(a.user_name, b.user_name));
  return groups;
}

/** A custom role's key: lower-case letters, digits and underscores, starting with a letter. */
export function isValidRoleKey(key: string): boolean {
  return /^[a-z][a-z0-9_]{1,49}$/.test(key);
}
