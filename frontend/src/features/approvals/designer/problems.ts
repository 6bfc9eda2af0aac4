// What blocks publishing, attached to what it concerns. The server answers with JSON pointers into
// the draft (`/form/fields/2/columns/0`, `/flow/nodes/1/branches/0/nodes/0/approvers`); the designers
// show each message next to that field, node or branch, and the rest at the top of the tab.
import { isGroup, type Branch, type Draft, type FlowNode } from "./model";

export interface ServerProblem {
  pointer: string;
  message: string;
}

export interface PlacedProblems {
  /** Field id → messages (a column's problem is shown on its table). */
  fields: Map<string, string[]>;
  /** Node id → messages. */
  nodes: Map<string, string[]>;
  /** Branch id → messages. */
  branches: Map<string, string[]>;
  /** About the whole form (e.g. "a form has at least one field"). */
  form: string[];
  /** About the whole flow. */
  flow: string[];
  /** Anything else (settings). */
  other: string[];
}

function add(map: Map<string, string[]>, key: string, message: string): void {
  map.set(key, [...(map.get(key) ?? []), message]);
}

function segments(pointer: string): string[] {
  // RFC 6901: "~1" is "/", "~0" is "~".
  return pointer.split("/").slice(1).map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"));
}

/** The innermost node or branch a flow pointer (`nodes/1/branches/0/…`) reaches. */
function flowTarget(nodes: readonly FlowNode[], parts: string[]): { node?: string; branch?: string } {
  let sequence: readonly FlowNode[] | undefined = nodes;
  let target: { node?: string; branch?: string } = {};
  let index = 0;
  while (index < parts.length && sequence) {
    if (parts[index] !== "nodes") break;
    const node: FlowNode | undefined = sequence[Number(parts[index + 1])];
    if (!node) break;
    target = { node: node.id };
    if (parts[index + 2] !== "branches" || !isGroup(node)) break;
    const branch: Branch | undefined = node.branches[Number(parts[index + 3])];
    if (!branch) break;
    target = { branch: branch.id };
    sequence = branch.nodes;
    index += 4;
  }
  return target;
}

export function placeProblems(problems: readonly ServerProblem[], draft: Draft): PlacedProblems {
  const placed: PlacedProblems = { fields: new Map(), nodes: new Map(), branches: new Map(), form: [], flow: [], other: [] };
  for (const { pointer, message } of problems) {
    const parts = segments(pointer);
    if (parts[0] === "form") {
      const field = parts[1] === "fields" && parts[2] !== undefined ? draft.form.fields[Number(parts[2])] : undefined;
      if (field) add(placed.fields, field.id, message);
      else placed.form.push(message);
    } else if (parts[0] === "flow") {
      const target = flowTarget(draft.flow.nodes, parts.slice(1));
      if (target.branch) add(placed.branches, target.branch, message);
      else if (target.node) add(placed.nodes, target.node, message);
      else placed.flow.push(message);
    } else {
      placed.other.push(message);
    }
  }
  return placed;
}

export function problemCount(placed: PlacedProblems, part: "form" | "flow"): number {
  const size = (map: Map<string, string[]>) => [...map.values()].reduce((sum, list) => sum + list.length, 0);
  return part === "form" ? placed.form.length + size(placed.fields) : placed.flow.length + size(placed.nodes) + size(placed.branches);
}
