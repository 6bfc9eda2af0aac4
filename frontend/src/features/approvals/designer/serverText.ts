// The server states what blocks publishing in English (approvals/forms.py and flows.py); the designer
// shows those sentences in the UI's language. A sentence we do not know is shown as the server wrote it.
import type { Translator } from "@/app/errorText";

/** [the server's sentence, the key of ours, the names of its captured parts]. */
const SENTENCES: [RegExp, string, string[]][] = [
  [/^A form has at least one field\.$/, "formEmpty", []],
  [/^A form has at most (\d+) fields\.$/, "formTooLong", ["max"]],
  [/^A field is an object\.$/, "fieldShape", []],
  [/^Field ids are lower-case letters, digits and _ \(starting with a letter\)\.$/, "fieldId", []],
  [/^Two fields are called (.+)\.$/, "fieldTwice", ["id"]],
  [/^Unknown field type (.+)\.$/, "fieldType", ["type"]],
  [/^Every field has a label\.$/, "fieldLabel", []],
  [/^A detail table cannot contain another table\.$/, "tableNested", []],
  [/^A detail table has columns\.$/, "tableColumns", []],
  [/^A choice field lists its options as \{value, label\}\.$/, "choiceOptions", []],
  [/^A formula needs an expression\.$/, "formulaEmpty", []],
  [/^A serial number's prefix is text\.$/, "serialPrefix", []],
  [/^An expression is text\.$/, "expressionText", []],
  [/^Expression error: (.+)$/, "expression", ["error"]],
  [/^The pattern is not a valid regular expression\.$/, "pattern", []],
  [/^A flow has at least one node\.$/, "flowEmpty", []],
  [/^A flow needs at least one approver or handler node\.$/, "flowNoTask", []],
  [/^Every node has an id\.$/, "nodeId", []],
  [/^Two nodes are called (.+)\.$/, "nodeTwice", ["id"]],
  [/^Unknown node type (.+)\.$/, "nodeType", ["type"]],
  [/^This approver node names nobody: add approvers\.$/, "approversEmpty", []],
  [/^This CC node names nobody: add approvers\.$/, "recipientsEmpty", []],
  [/^Unknown mode (.+)\.$/, "mode", ["mode"]],
  [/^A pass ratio is between 0 and 1\.$/, "ratio", []],
  [/^Unknown rule for an empty approver list\.$/, "onEmpty", []],
  [/^Unknown rule for the submitter as approver\.$/, "onSelf", []],
  [/^No field (.+)\.$/, "noField", ["id"]],
  [/^hidden, read or edit\.$/, "permission", []],
  [/^A time limit is 1 to 720 hours\.$/, "timeoutHours", []],
  [/^Unknown timeout action\.$/, "timeoutThen", []],
  [/^Reminders repeat every 1 to 720 hours\.$/, "remindEvery", []],
  [/^Unknown approver source (.+)\.$/, "source", ["type"]],
  [/^Choose at least one person\.$/, "membersEmpty", []],
  [/^(.+) is not a person field\.$/, "notPerson", ["id"]],
  [/^A supervisor level is 1 to 20\.$/, "level", []],
  [/^A branch group has at least two branches\.$/, "twoBranches", []],
  [/^The last branch, and only it, is the default\.$/, "defaultLast", []],
  [/^Parallel branches have no default\.$/, "parallelDefault", []],
  [/^Every branch has an id\.$/, "branchId", []],
  [/^Two branches or nodes are called (.+)\.$/, "branchTwice", ["id"]],
  [/^A branch needs a condition\.$/, "conditionEmpty", []],
  [/^This branch is empty\.$/, "branchEmpty", []],
];

export function problemText(message: string, { t, te }: Translator & { t: (key: string, params?: Record<string, string>) => string }): string {
  for (const [pattern, key, names] of SENTENCES) {
    const match = pattern.exec(message);
    if (!match) continue;
    const full = `approvalDesigner.serverProblems.${key}`;
    if (!te(full)) return message;
    return t(full, Object.fromEntries(names.map((name, index) => [name, match[index + 1]!])));
  }
  return message;
}
