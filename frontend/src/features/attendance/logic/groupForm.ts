// The attendance group form: what it edits, the body it sends (a new group, or only what changed),
// and which members the server refused because they already belong to another group.
import type { FieldWorkPolicy, Group, GroupCreate, GroupPatch } from "../types";

const POLICY_KEYS = [
  "field_work",
  "field_work_photo_required",
  "field_work_remark_required",
  "offline_max_skew_seconds",
  "offline_max_queued_hours",
] as const;
type PolicyKey = (typeof POLICY_KEYS)[number];

/** What the form reads of a group (other settings, such as its shift, are left as they are). */
export type GroupFields = Pick<Group, "name" | "departments" | "employees" | "excluded" | PolicyKey>;
/** What the form sends for a new group; the server's defaults fill in the rest. */
export type NewGroupBody = Pick<GroupCreate, "name" | "department_ids" | "employee_ids" | "excluded_ids" | PolicyKey>;

export interface NamedRef {
  id: string;
  name: string;
}

export interface GroupDraft {
  name: string;
  departments: NamedRef[];
  employees: NamedRef[];
  excluded: NamedRef[];
  field_work: FieldWorkPolicy;
  field_work_photo_required: boolean;
  field_work_remark_required: boolean;
  offline_max_skew_seconds: number;
  offline_max_queued_hours: number;
}

export const SKEW_SECONDS = { min: 0, max: 3600 } as const;
export const QUEUED_HOURS = { min: 1, max: 168 } as const;

/** The server's defaults for a new group. */
export function emptyDraft(): GroupDraft {
  return {
    name: "",
    departments: [],
    employees: [],
    excluded: [],
    field_work: "allowed",
    field_work_photo_required: true,
    field_work_remark_required: true,
    offline_max_skew_seconds: 120,
    offline_max_queued_hours: 24,
  };
}

export function draftFromGroup(group: GroupFields): GroupDraft {
  return {
    name: group.name,
    departments: group.departments.map(({ id, name }) => ({ id, name })),
    employees: group.employees.map(({ id, name }) => ({ id, name })),
    excluded: group.excluded.map(({ id, name }) => ({ id, name })),
    field_work: group.field_work,
    field_work_photo_required: group.field_work_photo_required,
    field_work_remark_required: group.field_work_remark_required,
    offline_max_skew_seconds: group.offline_max_skew_seconds,
    offline_max_queued_hours: group.offline_max_queued_hours,
  };
}

const ids = (refs: readonly NamedRef[]) => refs.map((ref) => ref.id);

export function createBody(draft: GroupDraft): NewGroupBody {
  return {
    name: draft.name.trim(),
    department_ids: ids(draft.departments),
    employee_ids: ids(draft.employees),
    excluded_ids: ids(draft.excluded),
    field_work: draft.field_work,
    field_work_photo_required: draft.field_work_photo_required,
    field_work_remark_required: draft.field_work_remark_required,
    offline_max_skew_seconds: draft.offline_max_skew_seconds,
    offline_max_queued_hours: draft.offline_max_queued_hours,
  };
}

const sameIds = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

/** Only what differs from the group as loaded (an empty object: nothing to save). */
export function patchBody(group: GroupFields, draft: GroupDraft): GroupPatch {
  const before = createBody(draftFromGroup(group));
  const after = createBody(draft);
  const patch: GroupPatch = {};
  if (after.name !== before.name) patch.name = after.name;
  for (const key of ["department_ids", "employee_ids", "excluded_ids"] as const) {
    if (!sameIds(after[key], before[key])) patch[key] = after[key];
  }
  for (const key of POLICY_KEYS) {
    if (after[key] !== before[key]) (patch as Record<PolicyKey, unknown>)[key] = after[key];
  }
  return patch;
}

/**
 * Names of the departments and people the server refused as "in another group", from the
 * problem's errors (`/department_ids/0`…) and the ids the form sent.
 */
export function membersInOtherGroups(problem: unknown, sent: GroupDraft): string[] {
  const errors = (problem as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors)) return [];
  const lists: Record<string, NamedRef[]> = {
    department_ids: sent.departments,
    employee_ids: sent.employees,
    excluded_ids: sent.excluded,
  };
  const names: string[] = [];
  for (const error of errors as { pointer?: unknown; code?: unknown }[]) {
    if (error.code !== "in_another_group" || typeof error.pointer !== "string") continue;
    const [, field, index] = error.pointer.split("/");
    const member = lists[field ?? ""]?.[Number(index)];
    if (member) names.push(member.name);
  }
  return names;
}
