// The visual condition builder (branch conditions, display conditions) and the CEL it compiles to.
// The server evaluates CEL (approvals/expressions.py) with the form's values by field id (numbers as
// numbers, lists for multi-valued fields, date ranges as {start, end, duration}) and `submitter`
// (department, departments = the chain of department ids without dashes, roles, positions).
import type { ConditionRule, ConditionRules, FieldType, FormField } from "./model";

export const SUBMITTER_SUBJECTS = ["submitter.department", "submitter.role", "submitter.position"] as const;

export type SubjectKind = "number" | "choice" | "choices" | "text" | "date" | "ids";

export const OPERATORS: Record<SubjectKind, string[]> = {
  number: ["gt", "gte", "lt", "lte", "eq", "ne"],
  choice: ["eq", "ne", "in"],
  choices: ["contains", "contains_any"],
  text: ["eq", "ne", "contains"],
  date: ["lt", "lte", "gt", "gte"],
  ids: ["in", "not_in"],
};

const NUMERIC: FieldType[] = ["number", "money", "formula", "daterange"];
const TEXTUAL: FieldType[] = ["text", "textarea", "phone", "id_number", "serial"];

/** How a field (or a submitter property) can be compared; null: it cannot be a condition's subject. */
export function subjectKind(subject: string, fields: readonly FormField[]): SubjectKind | null {
  if ((SUBMITTER_SUBJECTS as readonly string[]).includes(subject)) return "ids";
  const field = fields.find((item) => item.id === subject);
  if (!field) return null;
  if (NUMERIC.includes(field.type)) return "number";
  if (field.type === "select") return "choice";
  if (field.type === "multiselect") return "choices";
  if (TEXTUAL.includes(field.type)) return "text";
  if (field.type === "date" || field.type === "datetime") return "date";
  if (field.type === "person" || field.type === "department") return "ids";
  return null;
}

/** The fields a condition may test, in form order. */
export function conditionSubjects(fields: readonly FormField[]): FormField[] {
  return fields.filter((field) => subjectKind(field.id, fields) !== null);
}

const string = (value: string) => JSON.stringify(value);

function number(value: string): string | null {
  const trimmed = value.trim();
  return trimmed !== "" && Number.isFinite(Number(trimmed)) ? String(Number(trimmed)) : null;
}

function values(value: string | string[]): string[] {
  return (Array.isArray(value) ? value : [value]).filter((item) => item !== "");
}

/** What the rule's subject is called in CEL: a date range is compared by its duration. */
function operand(rule: ConditionRule, fields: readonly FormField[]): string {
  if (rule.subject === "submitter.role") return "submitter.roles";
  if (rule.subject === "submitter.position") return "submitter.positions";
  if (rule.subject === "submitter.department") return "submitter.departments";
  const field = fields.find((item) => item.id === rule.subject);
  return field?.type === "daterange" ? `${rule.subject}.duration` : rule.subject;
}

/** The submitter's department chain holds department ids as 32 hex digits, without dashes. */
function idFor(rule: ConditionRule, id: string): string {
  return rule.subject === "submitter.department" ? id.replaceAll("-", "") : id;
}

const COMPARISONS: Record<string, string> = { gt: ">", gte: ">=", lt: "<", lte: "<=", eq: "==", ne: "!=" };

/** One rule as CEL, or null while it is incomplete (no value yet, a number that is not one). */
export function compileRule(rule: ConditionRule, fields: readonly FormField[]): string | null {
  const kind = subjectKind(rule.subject, fields);
  if (!kind || !OPERATORS[kind].includes(rule.op)) return null;
  const left = operand(rule, fields);
  const chosen = values(rule.value);
  if (chosen.length === 0) return null;
  const first = chosen[0]!;
  switch (kind) {
    case "number": {
      const right = number(first);
      return right === null ? null : `${left} ${COMPARISONS[rule.op]} ${right}`;
    }
    case "text":
      return rule.op === "contains" ? `${left}.contains(${string(first)})` : `${left} ${COMPARISONS[rule.op]} ${string(first)}`;
    case "date":
      // ISO dates and times compare correctly as text.
      return `${left} ${COMPARISONS[rule.op]} ${string(first)}`;
    case "choice":
      return rule.op === "in" ? `${left} in [${chosen.map(string).join(", ")}]` : `${left} ${COMPARISONS[rule.op]} ${string(first)}`;
    case "choices":
      return rule.op === "contains" ? `${string(first)} in ${left}` : anyOf(chosen.map((value) => `${string(value)} in ${left}`));
    case "ids": {
      const tests = chosen.map((id) => `${string(idFor(rule, id))} in ${left}`);
      return rule.op === "in" ? anyOf(tests) : `!${anyOf(tests)}`;
    }
  }
}

function anyOf(tests: string[]): string {
  return tests.length === 1 ? tests[0]! : `(${tests.join(" || ")})`;
}

/** The whole builder as one CEL condition; "" when no rule is complete. */
export function compileRules(rules: ConditionRules, fields: readonly FormField[]): string {
  const parts = rules.rules.map((rule) => compileRule(rule, fields)).filter((part): part is string => part !== null);
  if (parts.length <= 1) return parts[0] ?? "";
  const joiner = rules.join === "and" ? " && " : " || ";
  return parts.map((part) => (part.includes(" || ") && !part.startsWith("(") ? `(${part})` : part)).join(joiner);
}

/** A fresh rule on a subject, with the first operator that kind of subject offers. */
export function newRule(subject: string, fields: readonly FormField[]): ConditionRule {
  const kind = subjectKind(subject, fields) ?? "text";
  const multi = kind === "ids" || kind === "choices";
  return { subject, op: OPERATORS[kind][0]!, value: multi ? [] : "" };
}
