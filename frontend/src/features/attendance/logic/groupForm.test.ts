import { describe, expect, it } from "vitest";

import {
  createBody,
  draftFromGroup,
  emptyDraft,
  membersInOtherGroups,
  patchBody,
  validCountry,
  type GroupFields,
} from "./groupForm";

const STANDARD = { id: "s1", name: "标准班", segments: [{ on: "09:00", off: "18:00" }], on_window_minutes: 120, off_window_minutes: 240, flex_minutes: 0, rest: null };

const GROUP: GroupFields = {
  name: "集团考勤",
  kind: "fixed",
  departments: [{ id: "d1", name: "总部" }],
  employees: [{ id: "e1", name: "李娜" }],
  excluded: [],
  field_work: "allowed",
  field_work_photo_required: true,
  field_work_remark_required: true,
  offline_max_skew_seconds: 120,
  offline_max_queued_hours: 24,
  shift: STANDARD,
  workdays: [1, 2, 3, 4, 5],
  late_grace_minutes: 5,
  serious_late_minutes: 30,
  absent_late_minutes: 120,
  early_grace_minutes: 0,
  make_up_limit_per_month: 3,
  allowed_lates_per_month: 2,
  allowed_late_minutes: 10,
  calendar_country: "CN",
  overtime_workday_source: "approval",
  overtime_rest_day_source: "approval",
  overtime_holiday_source: "approval",
  overtime_workday_compensation: "pay",
  overtime_rest_day_compensation: "time_off",
  overtime_holiday_compensation: "pay",
  overtime_offset_minutes: 30,
  overtime_minimum_minutes: 30,
  overtime_cap_hours: 12,
  in_lieu_valid_days: 180,
};

describe("createBody", () => {
  it("sends ids, the trimmed name and the policy", () => {
    const draft = { ...emptyDraft(), name: "  研发考勤 ", departments: [{ id: "d2", name: "研发部" }] };
    expect(createBody(draft)).toEqual({
      name: "研发考勤",
      kind: "fixed",
      department_ids: ["d2"],
      employee_ids: [],
      excluded_ids: [],
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
      calendar_country: "CN",
      overtime_workday_source: "approval",
      overtime_rest_day_source: "approval",
      overtime_holiday_source: "approval",
      overtime_workday_compensation: "pay",
      overtime_rest_day_compensation: "time_off",
      overtime_holiday_compensation: "pay",
      overtime_offset_minutes: 30,
      overtime_minimum_minutes: 30,
      overtime_cap_hours: 12,
      in_lieu_valid_days: 180,
    });
  });

  it("sends the workdays once each and in order, and the country code in capitals", () => {
    const draft = { ...emptyDraft(), name: "深圳", shift_id: "s1", workdays: [6, 1, 3, 1], calendar_country: " hk " };
    expect(createBody(draft)).toMatchObject({ shift_id: "s1", workdays: [1, 3, 6], calendar_country: "HK" });
  });
});

describe("patchBody", () => {
  it("is empty when nothing changed (members in another order included)", () => {
    const draft = draftFromGroup({ ...GROUP, departments: [{ id: "d1", name: "总部" }, { id: "d2", name: "研发部" }] });
    draft.departments.reverse();
    expect(patchBody({ ...GROUP, departments: [{ id: "d1", name: "总部" }, { id: "d2", name: "研发部" }] }, draft)).toEqual({});
  });

  it("carries the overtime rules that changed", () => {
    const draft = draftFromGroup(GROUP);
    draft.overtime_rest_day_source = "punches";
    draft.overtime_rest_day_compensation = "pay";
    draft.overtime_cap_hours = 4;
    expect(patchBody(GROUP, draft)).toEqual({
      overtime_rest_day_source: "punches",
      overtime_rest_day_compensation: "pay",
      overtime_cap_hours: 4,
    });
  });

  it("carries only what changed", () => {
    const draft = draftFromGroup(GROUP);
    draft.field_work = "needs_approval";
    draft.offline_max_queued_hours = 48;
    draft.excluded = [{ id: "e9", name: "王芳" }];
    expect(patchBody(GROUP, draft)).toEqual({ field_work: "needs_approval", offline_max_queued_hours: 48, excluded_ids: ["e9"] });
  });

  it("carries the schedule: workdays, rules, country, and null to take the shift away", () => {
    const draft = draftFromGroup(GROUP);
    expect(draft).toMatchObject({ shift_id: "s1", workdays: [1, 2, 3, 4, 5], late_grace_minutes: 5 });
    draft.workdays = [5, 4, 3, 2, 1];
    expect(patchBody(GROUP, draft)).toEqual({});
    draft.shift_id = null;
    draft.workdays = [1, 2, 3, 4, 5, 6];
    draft.early_grace_minutes = 10;
    draft.calendar_country = "us";
    expect(patchBody(GROUP, draft)).toEqual({ shift_id: null, workdays: [1, 2, 3, 4, 5, 6], early_grace_minutes: 10, calendar_country: "US" });
  });

  it("carries the lates a month forgives", () => {
    const draft = draftFromGroup(GROUP);
    expect(draft).toMatchObject({ allowed_lates_per_month: 2, allowed_late_minutes: 10 });
    draft.allowed_lates_per_month = 3;
    draft.allowed_late_minutes = 15;
    expect(patchBody(GROUP, draft)).toEqual({ allowed_lates_per_month: 3, allowed_late_minutes: 15 });
  });

  it("sends a new kind, and only that", () => {
    const draft = draftFromGroup(GROUP);
    expect(draft.kind).toBe("fixed");
    draft.kind = "roster";
    expect(patchBody(GROUP, draft)).toEqual({ kind: "roster" });
    expect(createBody({ ...emptyDraft(), name: "门店", kind: "free" })).toMatchObject({ name: "门店", kind: "free" });
  });
});

describe("membersInOtherGroups", () => {
  it("names the members the server refused as already grouped", () => {
    const draft = {
      ...emptyDraft(),
      departments: [{ id: "d1", name: "总部" }, { id: "d2", name: "研发部" }],
      employees: [{ id: "e1", name: "李娜" }],
    };
    const problem = {
      code: "invalid_members",
      errors: [
        { pointer: "/department_ids/1", code: "in_another_group", message: "Already in another attendance group." },
        { pointer: "/employee_ids/0", code: "in_another_group", message: "Already in another attendance group." },
        { pointer: "/employee_ids/5", code: "not_found", message: "No such department or employee." },
      ],
    };
    expect(membersInOtherGroups(problem, draft)).toEqual(["研发部", "李娜"]);
  });

  it("is empty for other problems", () => {
    expect(membersInOtherGroups({ code: "group_name_taken" }, emptyDraft())).toEqual([]);
    expect(membersInOtherGroups(undefined, emptyDraft())).toEqual([]);
  });
});

describe("validCountry", () => {
  it("takes two letters, whatever their case", () => {
    expect(validCountry("CN")).toBe(true);
    expect(validCountry(" de ")).toBe(true);
    expect(validCountry("")).toBe(false);
    expect(validCountry("CHN")).toBe(false);
    expect(validCountry("C1")).toBe(false);
  });
});
