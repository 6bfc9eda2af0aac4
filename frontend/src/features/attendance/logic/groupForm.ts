// The attendance group form: what it edits, the body it sends (a new group, or only what changed),
// and which members the server refused because they already belong to another group.
import type { FieldWorkPolicy, Group, GroupCreate, GroupKind, GroupPatch } from "../types";
import { defaultOvertime, OVERTIME_KEYS, pickOvertime, type OvertimeRules } from "./overtimeRules";

// Settings compared one value against another (the member lists, workdays and shift are compared apart).
const POLICY_KEYS = [
  "kind",
  "field_work",
  "field_work_photo_required",
  "field_work_remark_required",
  "offline_max_skew_seconds",
  "offline_max_queued_hours",
  "late_grace_minutes",
  "serious_late_minutes",
  "absent_late_minutes",
  "early_grace_minutes",
  "make_up_limit_per_month",
  "allowed_lates_per_month",
  "allowed_late_minutes",
  "calendar_country",
  ...OVERTIME_KEYS,
] as const;
type PolicyKey = (typeof POLICY_KEYS)[number];

/** The four rules that judge a punch against the shift, in minutes. */
export const RULE_KEYS = ["late_grace_minutes", "serious_late_minutes", "absent_late_minutes", "early_grace_minutes"] as const;
export type RuleKey = (typeof RULE_KEYS)[number];

/** What the form reads of a group. */
export type GroupFields = Pick<Group, "name" | "departments" | "employees" | "excluded" | "shift" | "workdays" | PolicyKey>;
/** What the form sends for a new group. */
export type NewGroupBody = Pick<
  GroupCreate,
  "name" | "department_ids" | "employee_ids" | "excluded_ids" | "shift_id" | "workdays" | PolicyKey
>;

export interface NamedRef {
  id: string;
  name: string;
}

/** fixed: the shift on the workdays; roster (排班): per person and day; free (自由工时): no shift. */
export const GROUP_KINDS: readonly GroupKind[] = ["fixed", "roster", "free"];

export interface GroupDraft extends OvertimeRules {
  name: string;
  kind: GroupKind;
  departments: NamedRef[];
  employees: NamedRef[];
  excluded: NamedRef[];
  field_work: FieldWorkPolicy;
  field_work_photo_required: boolean;
  field_work_remark_required: boolean;
  offline_max_skew_seconds: number;
  offline_max_queued_hours: number;
  /** The shift worked on workdays; null: none (every day is a rest day). */
  shift_id: string | null;
  /** ISO weekdays (1 = Monday … 7 = Sunday) on which the shift applies. */
  workdays: number[];
  late_grace_minutes: number;
  serious_late_minutes: number;
  absent_late_minutes: number;
  early_grace_minutes: number;
  /** Make-up punches (补卡) a person may ask for in a month; 0: no limit. */
  make_up_limit_per_month: number;
  /** 迟到豁免: the month's first lates (at most this many; 0: none) of at most `allowed_late_minutes` count as on time. */
  allowed_lates_per_month: number;
  allowed_late_minutes: number;
  /** Whose public holidays and adjusted workdays apply (ISO 3166 alpha-2). */
  calendar_country: string;
}

export const SKEW_SECONDS = { min: 0, max: 3600 } as const;
export const QUEUED_HOURS = { min: 1, max: 168 } as const;
/** Make-up punches a month allows (0: no limit), as the server bounds them. */
export const MAKE_UPS = { min: 0, max: 31 } as const;
/** Lates a month may forgive (0: none), as the server bounds them. */
export const ALLOWED_LATES = { min: 0, max: 31 } as const;
export const RULE_MINUTES = { min: 0, max: 720 } as const;
export const DEFAULT_COUNTRY = "CN";
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** The server's defaults for a new group. */
export function emptyDraft(): GroupDraft {
  return {
    name: "",
    kind: "fixed",
    departments: [],
    employees: [],
    excluded: [],
    field_work: "allowed",
    field_work_photo_required: true,
    field_work_remark_required: true,
    offline_max_skew_seconds: 120,
    offline_max_queued_hours: 24,
    shift_id: null,
    workdays: [1, 2, 3, 4, 5],
    late_grace_minutes: 0,
    serious_late_minutes: 30,
    absent_late_minutes: 120,
    early_grace_minutes: 0,
    make_up_limit_per_month: 0,
    allowed_lates_per_month: 0,
    allowed_late_minutes: 0,
    calendar_country: DEFAULT_COUNTRY,
    ...defaultOvertime(),
  };
}

export function draftFromGroup(group: GroupFields): GroupDraft {
  return {
    name: group.name,
    kind: group.kind,
    departments: group.departments.map(({ id, name }) => ({ id, name })),
    employees: group.employees.map(({ id, name }) => ({ id, name })),
    excluded: group.excluded.map(({ id, name }) => ({ id, name })),
    field_work: group.field_work,
    field_work_photo_required: group.field_work_photo_required,
    field_work_remark_required: group.field_work_remark_required,
    offline_max_skew_seconds: group.offline_max_skew_seconds,
    offline_max_queued_hours: group.offline_max_queued_hours,
    shift_id: group.shift?.id ?? null,
    workdays: [...group.workdays],
    late_grace_minutes: group.late_grace_minutes,
    serious_late_minutes: group.serious_late_minutes,
    absent_late_minutes: group.absent_late_minutes,
    early_grace_minutes: group.early_grace_minutes,
    make_up_limit_per_month: group.make_up_limit_per_month,
    allowed_lates_per_month: group.allowed_lates_per_month,
    allowed_late_minutes: group.allowed_late_minutes,
    calendar_country: group.calendar_country,
    ...pickOvertime(group),
  };
}

/** The country code as sent: trimmed, upper case. */
export function countryCode(text: string): string {
  return text.trim().toUpperCase();
}

/** A two-letter code (whether the server has a calendar for it, only the server knows). */
export function validCountry(text: string): boolean {
  return /^[A-Z]{2}$/.test(countryCode(text));
}

const ids = (refs: readonly NamedRef[]) => refs.map((ref) => ref.id);

export function createBody(draft: GroupDraft): NewGroupBody {
  return {
    name: draft.name.trim(),
    kind: draft.kind,
    department_ids: ids(draft.departments),
    employee_ids: ids(draft.employees),
    excluded_ids: ids(draft.excluded),
    field_work: draft.field_work,
    field_work_photo_required: draft.field_work_photo_required,
    field_work_remark_required: draft.field_work_remark_required,
    offline_max_skew_seconds: draft.offline_max_skew_seconds,
    offline_max_queued_hours: draft.offline_max_queued_hours,
    shift_id: draft.shift_id,
    workdays: [...new Set(draft.workdays)].sort((a, b) => a - b),
    late_grace_minutes: draft.late_grace_minutes,
    serious_late_minutes: draft.serious_late_minutes,
    absent_late_minutes: draft.absent_late_minutes,
    early_grace_minutes: draft.early_grace_minutes,
    make_up_limit_per_month: draft.make_up_limit_per_month,
    allowed_lates_per_month: draft.allowed_lates_per_month,
    allowed_late_minutes: draft.allowed_late_minutes,
    calendar_country: countryCode(draft.calendar_country),
    ...pickOvertime(draft),
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
  // null is sent too: it takes the shift away.
  if (after.shift_id !== before.shift_id) patch.shift_id = after.shift_id ?? null;
  if (after.workdays?.join() !== before.workdays?.join()) patch.workdays = after.workdays;
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
