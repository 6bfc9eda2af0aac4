// Edits of the form's field list as the form designer's drag and drop makes them.
import { allNodes } from "./flowTree";
import { isGroup, type ApproverSource, type ConditionRules, type Draft, type FieldPermission, type FormField } from "./model";

/** Where a dragged item lands: before the field under the pointer, or after it past its middle. */
export function dropPosition(overIndex: number, pointerY: number, top: number, height: number): number {
  return pointerY - top > height / 2 ? overIndex + 1 : overIndex;
}

/** Moves the field at `from` so that it lands at gap `to` (0 … length, counted before the move). */
export function moveField(fields: readonly FormField[], from: number, to: number): FormField[] {
  const copy = [...fields];
  if (from < 0 || from >= copy.length) return copy;
  const [field] = copy.splice(from, 1);
  copy.splice(to > from ? to - 1 : to, 0, field!);
  return copy;
}

export function insertField(fields: readonly FormField[], at: number, field: FormField): FormField[] {
  const copy = [...fields];
  copy.splice(Math.max(0, Math.min(at, copy.length)), 0, field);
  return copy;
}

/** A copy of a field under a new id, placed right after it. */
export function duplicateField(fields: readonly FormField[], index: number, newId: string, label: string): FormField[] {
  const original = fields[index];
  if (!original) return [...fields];
  const copy: FormField = { ...(JSON.parse(JSON.stringify(original)) as FormField), id: newId, label };
  return insertField(fields, index + 1, copy);
}

/**
 * Other fields and flow settings that name a field id (conditions, formulas, approvers from a person
 * field) keep working after a rename only if they are renamed too; this renames the id where it is a
 * whole word inside an expression.
 */
export function renameInExpression(expression: string, from: string, to: string): string {
  return expression.replace(new RegExp(`(?<![\\w."])${from}(?![\\w"])`, "g"), to);
}

function renameRules(rules: ConditionRules | undefined, from: string, to: string): void {
  for (const rule of rules?.rules ?? []) if (rule.subject === from) rule.subject = to;
}

function renamePermissions(permissions: Record<string, FieldPermission> | undefined, from: string, to: string): void {
  if (!permissions || !(from in permissions)) return;
  permissions[to] = permissions[from]!;
  delete permissions[from];
}

function renameSources(sources: ApproverSource[], from: string, to: string): void {
  for (const source of sources) {
    if (source.field) {
      const [head, ...rest] = source.field.split(".");
      if (head === from) source.field = [to, ...rest].join(".");
    }
    if (source.department === `field:${from}`) source.department = `field:${to}`;
  }
}

/**
 * Renames a field id everywhere the draft names it (formulas, display and branch conditions, node
 * field permissions, approvers taken from the field), editing the draft in place.
 */
export function renameFieldEverywhere(draft: Draft, from: string, to: string): void {
  if (from === to) return;
  for (const field of draft.form.fields) {
    if (field.expression) field.expression = renameInExpression(field.expression, from, to);
    if (field.visible_if) field.visible_if = renameInExpression(field.visible_if, from, to);
    renameRules(field.visible_if_rules, from, to);
  }
  renamePermissions(draft.flow.start?.field_permissions, from, to);
  for (const node of allNodes(draft.flow.nodes)) {
    if (isGroup(node)) {
      for (const branch of node.branches) {
        if (branch.condition) branch.condition = renameInExpression(branch.condition, from, to);
        renameRules(branch.condition_rules, from, to);
      }
    } else if (node.type === "cc") {
      renameSources(node.recipients, from, to);
    } else {
      renamePermissions(node.field_permissions, from, to);
      renameSources(node.approvers, from, to);
    }
  }
}
