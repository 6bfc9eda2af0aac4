import { describe, expect, it } from "vitest";

import { createBody, draftFromGroup, emptyDraft, membersInOtherGroups, patchBody, type GroupFields } from "./groupForm";

const GROUP: GroupFields = {
  name: "集团考勤",
  departments: [{ id: "d1", name: "总部" }],
  employees: [{ id: "e1", name: "李娜" }],
  excluded: [],
  field_work: "allowed",
  field_work_photo_required: true,
  field_work_remark_required: true,
  offline_max_skew_seconds: 120,
  offline_max_queued_hours: 24,
};

describe("createBody", () => {
  it("sends ids, the trimmed name and the policy", () => {
    const draft = { ...emptyDraft(), name: "  研发考勤 ", departments: [{ id: "d2", name: "研发部" }] };
    expect(createBody(draft)).toEqual({
      name: "研发考勤",
      department_ids: ["d2"],
      employee_ids: [],
      excluded_ids: [],
      field_work: "allowed",
      field_work_photo_required: true,
      field_work_remark_required: true,
      offline_max_skew_seconds: 120,
      offline_max_queued_hours: 24,
    });
  });
});

describe("patchBody", () => {
  it("is empty when nothing changed (members in another order included)", () => {
    const draft = draftFromGroup({ ...GROUP, departments: [{ id: "d1", name: "总部" }, { id: "d2", name: "研发部" }] });
    draft.departments.reverse();
    expect(patchBody({ ...GROUP, departments: [{ id: "d1", name: "总部" }, { id: "d2", name: "研发部" }] }, draft)).toEqual({});
  });

  it("carries only what changed", () => {
    const draft = draftFromGroup(GROUP);
    draft.field_work = "needs_approval";
    draft.offline_max_queued_hours = 48;
    draft.excluded = [{ id: "e9", name: "王芳" }];
    expect(patchBody(GROUP, draft)).toEqual({ field_work: "needs_approval", offline_max_queued_hours: 48, excluded_ids: ["e9"] });
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
