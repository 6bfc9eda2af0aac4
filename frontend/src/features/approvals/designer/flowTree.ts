// Structural edits of the flow tree (insert, delete, move nodes and branches). Each edit returns a
// new definition that shares the untouched nodes, so the property panels, which edit a node object
// in place, keep pointing at the node that is drawn.
import {
  isGroup,
  type ApproverSource,
  type Branch,
  type FlowDefinition,
  type FlowNode,
  type GroupNode,
  type NodeKind,
  type SourceType,
} from "./model";

/** Makes a fresh id with a prefix; the page uses random ids, the tests a counter. */
export type IdMaker = (prefix: string) => string;

export const randomId: IdMaker = (prefix) => `${prefix}_${Math.random().toString(36).slice(2, 10)}`;

/** A sequence of nodes: the top level (null) or the nodes of a branch (its id). */
export type SequenceId = string | null;

export interface NodeNames {
  approver: string;
  handler: string;
  cc: string;
  condition: string;
  parallel: string;
  /** A condition group's branch n, and a parallel group's. */
  branch: (index: number) => string;
  parallelBranch: (index: number) => string;
  otherwise: string;
}

function newBranch(name: string, makeId: IdMaker, extra: Partial<Branch> = {}): Branch {
  return { id: makeId("b"), name, nodes: [], ...extra };
}

/** A node of the given kind as the "+" menu adds it: approvers are chosen afterwards in its panel. */
export function newNode(kind: NodeKind, names: NodeNames, makeId: IdMaker): FlowNode {
  const id = makeId("n");
  switch (kind) {
    case "approver":
      return { id, type: "approver", name: names.approver, approvers: [], mode: "any" };
    case "handler":
      return { id, type: "handler", name: names.handler, approvers: [], mode: "any" };
    case "cc":
      return { id, type: "cc", name: names.cc, recipients: [] };
    case "condition":
      return {
        id,
        type: "condition",
        name: names.condition,
        branches: [
          newBranch(names.branch(1), makeId, { condition: "" }),
          newBranch(names.otherwise, makeId, { default: true }),
        ],
      };
    case "parallel":
      return {
        id,
        type: "parallel",
        name: names.parallel,
        branches: [newBranch(names.parallelBranch(1), makeId), newBranch(names.parallelBranch(2), makeId)],
      };
  }
}

/** Every node, depth first, in drawing order. */
export function allNodes(nodes: readonly FlowNode[]): FlowNode[] {
  const out: FlowNode[] = [];
  for (const node of nodes) {
    out.push(node);
    if (isGroup(node)) for (const branch of node.branches) out.push(...allNodes(branch.nodes));
  }
  return out;
}

export function findNode(flow: FlowDefinition, id: string): FlowNode | undefined {
  return allNodes(flow.nodes).find((node) => node.id === id);
}

export interface BranchPlace {
  group: GroupNode;
  branch: Branch;
  index: number;
}

export function findBranch(flow: FlowDefinition, branchId: string): BranchPlace | undefined {
  for (const node of allNodes(flow.nodes)) {
    if (!isGroup(node)) continue;
    const index = node.branches.findIndex((branch) => branch.id === branchId);
    if (index >= 0) return { group: node, branch: node.branches[index]!, index };
  }
  return undefined;
}

/** Copies the sequence `target` (and the path down to it) and hands the copy to `edit`. */
function editSequence(flow: FlowDefinition, target: SequenceId, edit: (nodes: FlowNode[]) => void): FlowDefinition {
  let found = target === null;
  function visit(nodes: readonly FlowNode[], id: SequenceId): FlowNode[] {
    const copy = [...nodes];
    if (id === target) {
      edit(copy);
      return copy;
    }
    return copy.map((node) => {
      if (!isGroup(node) || !containsSequence(node, target)) return node;
      return {
        ...node,
        branches: node.branches.map((branch) => {
          if (branch.id === target) found = true;
          return containsBranchOrIs(branch, target) ? { ...branch, nodes: visit(branch.nodes, branch.id) } : branch;
        }),
      };
    });
  }
  const nodes = visit(flow.nodes, null);
  if (!found) throw new Error(`no branch ${String(target)}`);
  return { ...flow, nodes };
}

function containsBranchOrIs(branch: Branch, target: SequenceId): boolean {
  return branch.id === target || branch.nodes.some((node) => isGroup(node) && containsSequence(node, target));
}

function containsSequence(group: GroupNode, target: SequenceId): boolean {
  return group.branches.some((branch) => containsBranchOrIs(branch, target));
}

/** Where a node is: the sequence holding it and its index there. */
export function locate(flow: FlowDefinition, nodeId: string): { sequence: SequenceId; index: number } | undefined {
  function visit(nodes: readonly FlowNode[], sequence: SequenceId): { sequence: SequenceId; index: number } | undefined {
    for (const [index, node] of nodes.entries()) {
      if (node.id === nodeId) return { sequence, index };
      if (isGroup(node)) {
        for (const branch of node.branches) {
          const found = visit(branch.nodes, branch.id);
          if (found) return found;
        }
      }
    }
    return undefined;
  }
  return visit(flow.nodes, null);
}

export function insertNode(flow: FlowDefinition, sequence: SequenceId, index: number, node: FlowNode): FlowDefinition {
  return editSequence(flow, sequence, (nodes) => nodes.splice(Math.max(0, Math.min(index, nodes.length)), 0, node));
}

export function removeNode(flow: FlowDefinition, nodeId: string): FlowDefinition {
  const place = locate(flow, nodeId);
  if (!place) return flow;
  return editSequence(flow, place.sequence, (nodes) => nodes.splice(place.index, 1));
}

/** Moves a node up (-1) or down (+1) in its own sequence; at either end nothing changes. */
export function shiftNode(flow: FlowDefinition, nodeId: string, offset: -1 | 1): FlowDefinition {
  const place = locate(flow, nodeId);
  if (!place) return flow;
  return editSequence(flow, place.sequence, (nodes) => {
    const to = place.index + offset;
    if (to < 0 || to >= nodes.length) return;
    const [node] = nodes.splice(place.index, 1);
    nodes.splice(to, 0, node!);
  });
}

/**
 * Moves a node to `index` of another (or the same) sequence, as a drag and drop does. A group cannot
 * go inside one of its own branches: the move is refused (null).
 */
export function moveNode(flow: FlowDefinition, nodeId: string, sequence: SequenceId, index: number): FlowDefinition | null {
  const place = locate(flow, nodeId);
  const node = findNode(flow, nodeId);
  if (!place || !node) return null;
  if (sequence !== null && isGroup(node) && allNodes([node]).some((inner) => isGroup(inner) && inner.branches.some((b) => b.id === sequence))) {
    return null;
  }
  // Removing first shifts the later positions of the same sequence by one.
  const target = place.sequence === sequence && place.index < index ? index - 1 : index;
  return insertNode(removeNode(flow, nodeId), sequence, target, node);
}

function editGroup(flow: FlowDefinition, groupId: string, edit: (group: GroupNode) => GroupNode | FlowNode[]): FlowDefinition {
  const place = locate(flow, groupId);
  const group = findNode(flow, groupId);
  if (!place || !group || !isGroup(group)) return flow;
  return editSequence(flow, place.sequence, (nodes) => {
    const result = edit({ ...group, branches: [...group.branches] });
    nodes.splice(place.index, 1, ...(Array.isArray(result) ? result : [result]));
  });
}

/** A new branch: before the default one in a condition group, last in a parallel group. */
export function addBranch(flow: FlowDefinition, groupId: string, names: NodeNames, makeId: IdMaker): FlowDefinition {
  return editGroup(flow, groupId, (group) => {
    const number = group.branches.filter((branch) => !branch.default).length + 1;
    if (group.type === "condition") {
      group.branches.splice(group.branches.length - 1, 0, newBranch(names.branch(number), makeId, { condition: "" }));
    } else {
      group.branches.push(newBranch(names.parallelBranch(number), makeId));
    }
    return group;
  });
}

/**
 * Deletes a branch and what it holds. The default branch of a condition group stays (a condition
 * group always has one). A group left with one branch has nothing to choose between: it dissolves,
 * and the remaining branch's nodes take its place.
 */
export function removeBranch(flow: FlowDefinition, branchId: string): FlowDefinition {
  const place = findBranch(flow, branchId);
  if (!place || place.branch.default) return flow;
  return editGroup(flow, place.group.id, (group) => {
    group.branches.splice(place.index, 1);
    return group.branches.length < 2 ? group.branches[0]!.nodes : group;
  });
}

/** Moves a branch left (-1) or right (+1); the default branch of a condition group stays last. */
export function shiftBranch(flow: FlowDefinition, branchId: string, offset: -1 | 1): FlowDefinition {
  const place = findBranch(flow, branchId);
  if (!place || place.branch.default) return flow;
  const to = place.index + offset;
  const last = place.group.type === "condition" ? place.group.branches.length - 2 : place.group.branches.length - 1;
  if (to < 0 || to > last) return flow;
  return editGroup(flow, place.group.id, (group) => {
    const [branch] = group.branches.splice(place.index, 1);
    group.branches.splice(to, 0, branch!);
    return group;
  });
}

/**
 * The task nodes that run before `nodeId` on every route reaching it (what "the approver of an
 * earlier node" may name), as approvals/flows.py `precedes` decides: earlier in a shared sequence,
 * including anything inside an earlier group.
 */
export function earlierTaskNodes(flow: FlowDefinition, nodeId: string): FlowNode[] {
  function visit(nodes: readonly FlowNode[]): FlowNode[] | null {
    for (const [index, node] of nodes.entries()) {
      if (node.id === nodeId) return allNodes(nodes.slice(0, index));
      if (isGroup(node)) {
        for (const branch of node.branches) {
          const inner = visit(branch.nodes);
          if (inner) return [...allNodes(nodes.slice(0, index)), ...inner];
        }
      }
    }
    return null;
  }
  return (visit(flow.nodes) ?? []).filter((node) => node.type === "approver" || node.type === "handler");
}

/** A source as the node panel adds it, with the defaults the server would assume written out. */
export function newSource(type: SourceType): ApproverSource {
  switch (type) {
    case "members":
      return { type, employees: [] };
    case "supervisor":
      return { type, level: 1, from: "bottom" };
    case "continuous_supervisors":
      return { type, up_to_level: 1 };
    case "department_head":
      return { type, department: "submitter" };
    case "submitter_selected":
      return { type, multiple: true, required: true };
    case "form_field":
      return { type, field: "" };
    case "role":
      return { type, role: "" };
    case "position":
      return { type, position: "" };
    case "previous_approver":
      return { type, node: "" };
    case "submitter":
      return { type };
  }
}
