import { describe, expect, it } from "vitest";

import { normaliseDraft, type Draft } from "./model";
import { placeProblems, problemCount } from "./problems";

const draft: Draft = normaliseDraft({
  form: {
    fields: [
      { id: "amount", type: "money", label: "金额" },
      { id: "items", type: "table", label: "明细", columns: [{ id: "cost", type: "money", label: "费用" }] },
    ],
  },
  flow: {
    nodes: [
      { id: "first", type: "approver", name: "主管", approvers: [] },
      {
        id: "split",
        type: "condition",
        name: "金额",
        branches: [
          { id: "big", name: "大额", condition: "", nodes: [{ id: "cfo", type: "approver", name: "财务", approvers: [] }] },
          { id: "rest", name: "其他", default: true, nodes: [] },
        ],
      },
    ],
  },
});

describe("placeProblems", () => {
  it("attaches form problems to the field, a column's to its table", () => {
    const placed = placeProblems(
      [
        { pointer: "/form/fields/0", message: "Every field has a label." },
        { pointer: "/form/fields/1/columns/0", message: "Unknown field type 'x'." },
        { pointer: "/form/fields", message: "A form has at least one field." },
      ],
      draft,
    );
    expect([...placed.fields]).toEqual([
      ["amount", ["Every field has a label."]],
      ["items", ["Unknown field type 'x'."]],
    ]);
    expect(placed.form).toEqual(["A form has at least one field."]);
    expect(problemCount(placed, "form")).toBe(3);
    expect(problemCount(placed, "flow")).toBe(0);
  });

  it("attaches flow problems to the innermost node or branch", () => {
    const placed = placeProblems(
      [
        { pointer: "/flow/nodes/0/approvers", message: "names nobody" },
        { pointer: "/flow/nodes/1/branches/0/condition", message: "A branch needs a condition." },
        { pointer: "/flow/nodes/1/branches/0/nodes/0/approvers", message: "names nobody too" },
        { pointer: "/flow/nodes/1/branches", message: "The last branch, and only it, is the default." },
        { pointer: "/flow/nodes", message: "A flow needs at least one approver or handler node." },
        { pointer: "/flow/nodes/9/approvers", message: "gone since" },
      ],
      draft,
    );
    expect([...placed.nodes]).toEqual([
      ["first", ["names nobody"]],
      ["cfo", ["names nobody too"]],
      ["split", ["The last branch, and only it, is the default."]],
    ]);
    expect([...placed.branches]).toEqual([["big", ["A branch needs a condition."]]]);
    expect(placed.flow).toEqual(["A flow needs at least one approver or handler node.", "gone since"]);
    expect(problemCount(placed, "flow")).toBe(6);
  });

  it("keeps what points elsewhere apart", () => {
    const placed = placeProblems([{ pointer: "/settings/reject", message: "bad" }], draft);
    expect(placed.other).toEqual(["bad"]);
  });

  it("reads escaped pointer segments", () => {
    const placed = placeProblems([{ pointer: "/flow/nodes/0/field_permissions/a~1b", message: "No field a/b." }], draft);
    expect([...placed.nodes]).toEqual([["first", ["No field a/b."]]]);
  });
});
