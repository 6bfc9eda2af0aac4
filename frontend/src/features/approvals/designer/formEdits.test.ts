import { describe, expect, it } from "vitest";

import { dropPosition, duplicateField, insertField, moveField, renameFieldEverywhere, renameInExpression } from "./formEdits";
import { normaliseDraft, type CcNode, type FormField, type GroupNode, type TaskNode } from "./model";

const field = (id: string): FormField => ({ id, type: "text", label: id.toUpperCase() });
const list = [field("a"), field("b"), field("c")];
const ids = (fields: FormField[]) => fields.map((f) => f.id);

describe("dropPosition", () => {
  it("lands before a field in its upper half and after it in its lower half", () => {
    expect(dropPosition(2, 110, 100, 40)).toBe(2);
    expect(dropPosition(2, 121, 100, 40)).toBe(3);
  });
});

describe("moveField", () => {
  it("moves down and up by gap index", () => {
    expect(ids(moveField(list, 0, 2))).toEqual(["b", "a", "c"]);
    expect(ids(moveField(list, 0, 3))).toEqual(["b", "c", "a"]);
    expect(ids(moveField(list, 2, 0))).toEqual(["c", "a", "b"]);
    expect(ids(moveField(list, 1, 1))).toEqual(["a", "b", "c"]);
    expect(ids(moveField(list, 1, 2))).toEqual(["a", "b", "c"]);
    expect(ids(list)).toEqual(["a", "b", "c"]);
  });
});

describe("insertField and duplicateField", () => {
  it("insert at a gap, clamped to the list", () => {
    expect(ids(insertField(list, 1, field("x")))).toEqual(["a", "x", "b", "c"]);
    expect(ids(insertField(list, 99, field("x")))).toEqual(["a", "b", "c", "x"]);
  });

  it("duplicate deeply, under a new id, right after the original", () => {
    const table: FormField = { id: "t", type: "table", label: "T", columns: [field("x")] };
    const copied = duplicateField([table], 0, "t_2", "T copy");
    expect(copied[1]).toEqual({ id: "t_2", type: "table", label: "T copy", columns: [field("x")] });
    expect(copied[1]!.columns![0]).not.toBe(table.columns![0]);
  });
});

describe("renameInExpression", () => {
  it("renames whole identifiers only, not text or members", () => {
    expect(renameInExpression('amount > 5 && amount_2 < 3 && t.amount == "amount"', "amount", "total")).toBe(
      'total > 5 && amount_2 < 3 && t.amount == "amount"',
    );
    expect(renameInExpression("sum(amount)", "amount", "total")).toBe("sum(total)");
  });
});

describe("renameFieldEverywhere", () => {
  it("renames the id in formulas, conditions, permissions and approver sources", () => {
    const draft = normaliseDraft({
      form: {
        fields: [
          { id: "amount", type: "money", label: "金额" },
          { id: "tax", type: "formula", label: "税", expression: "amount * 0.06", visible_if: "amount > 0" },
          { id: "owner", type: "person", label: "负责人" },
        ],
      },
      flow: {
        start: { field_permissions: { amount: "edit" } },
        nodes: [
          {
            id: "g",
            type: "condition",
            name: "G",
            branches: [
              {
                id: "b1",
                name: "B",
                condition: "amount > 1000",
                condition_rules: { join: "and", rules: [{ subject: "amount", op: "gt", value: "1000" }] },
                nodes: [
                  {
                    id: "n",
                    type: "approver",
                    name: "N",
                    approvers: [{ type: "form_field", field: "amount" }, { type: "department_head", department: "field:amount" }],
                    field_permissions: { amount: "read", owner: "edit" },
                  },
                ],
              },
              { id: "b2", name: "O", default: true, nodes: [{ id: "c", type: "cc", name: "C", recipients: [{ type: "form_field", field: "amount.x" }] }] },
            ],
          },
        ],
      },
    });
    renameFieldEverywhere(draft, "amount", "total");
    expect(draft.form.fields[1]).toMatchObject({ expression: "total * 0.06", visible_if: "total > 0" });
    expect(draft.flow.start).toEqual({ field_permissions: { total: "edit" } });
    const group = draft.flow.nodes[0] as GroupNode;
    expect(group.branches[0]!.condition).toBe("total > 1000");
    expect(group.branches[0]!.condition_rules!.rules[0]!.subject).toBe("total");
    const node = group.branches[0]!.nodes[0] as TaskNode;
    expect(node.approvers).toEqual([{ type: "form_field", field: "total" }, { type: "department_head", department: "field:total" }]);
    expect(node.field_permissions).toEqual({ owner: "edit", total: "read" });
    expect((group.branches[1]!.nodes[0] as CcNode).recipients).toEqual([{ type: "form_field", field: "total.x" }]);
  });
});
