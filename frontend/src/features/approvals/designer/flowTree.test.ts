import { describe, expect, it } from "vitest";

import {
  addBranch,
  allNodes,
  earlierTaskNodes,
  insertNode,
  moveNode,
  newNode,
  newSource,
  removeBranch,
  removeNode,
  shiftBranch,
  shiftNode,
  type IdMaker,
  type NodeNames,
} from "./flowTree";
import type { FlowDefinition, GroupNode } from "./model";

const names: NodeNames = {
  approver: "审批人",
  handler: "办理人",
  cc: "抄送人",
  condition: "条件分支",
  parallel: "并行分支",
  branch: (n) => `条件${n}`,
  parallelBranch: (n) => `分支${n}`,
  otherwise: "其他情况",
};

function counter(): IdMaker {
  let n = 0;
  return (prefix) => `${prefix}${++n}`;
}

const ids = (flow: FlowDefinition) => allNodes(flow.nodes).map((node) => node.id);
const group = (flow: FlowDefinition, index: number) => flow.nodes[index] as GroupNode;

/** approver a → condition c [branch x: approver b | default y: (empty)] → cc z */
function sample(): FlowDefinition {
  return {
    nodes: [
      { id: "a", type: "approver", name: "A", approvers: [] },
      {
        id: "c",
        type: "condition",
        name: "C",
        branches: [
          { id: "x", name: "X", condition: "amount > 1000", nodes: [{ id: "b", type: "approver", name: "B", approvers: [] }] },
          { id: "y", name: "Y", default: true, nodes: [] },
        ],
      },
      { id: "z", type: "cc", name: "Z", recipients: [] },
    ],
  };
}

describe("newNode", () => {
  it("makes a condition group with one conditional branch and the default branch last", () => {
    expect(newNode("condition", names, counter())).toEqual({
      id: "n1",
      type: "condition",
      name: "条件分支",
      branches: [
        { id: "b2", name: "条件1", nodes: [], condition: "" },
        { id: "b3", name: "其他情况", nodes: [], default: true },
      ],
    });
  });

  it("makes a parallel group with two branches and no default", () => {
    const node = newNode("parallel", names, counter()) as GroupNode;
    expect(node.branches.map((b) => [b.id, b.name, b.default])).toEqual([
      ["b2", "分支1", undefined],
      ["b3", "分支2", undefined],
    ]);
  });

  it("makes task and CC nodes without approvers yet", () => {
    expect(newNode("approver", names, counter())).toEqual({ id: "n1", type: "approver", name: "审批人", approvers: [], mode: "any" });
    expect(newNode("handler", names, counter())).toEqual({ id: "n1", type: "handler", name: "办理人", approvers: [], mode: "any" });
    expect(newNode("cc", names, counter())).toEqual({ id: "n1", type: "cc", name: "抄送人", recipients: [] });
  });
});

describe("inserting and deleting nodes", () => {
  it("inserts at the top level and inside a branch without touching the original", () => {
    const flow = sample();
    const cc = { id: "new", type: "cc" as const, name: "N", recipients: [] };
    expect(ids(insertNode(flow, null, 1, cc))).toEqual(["a", "new", "c", "b", "z"]);
    expect(ids(insertNode(flow, "y", 0, cc))).toEqual(["a", "c", "b", "new", "z"]);
    expect(ids(insertNode(flow, "x", 1, cc))).toEqual(["a", "c", "b", "new", "z"]);
    expect(ids(flow)).toEqual(["a", "c", "b", "z"]);
  });

  it("shares the nodes it did not change", () => {
    const flow = sample();
    const after = insertNode(flow, "y", 0, { id: "new", type: "cc", name: "N", recipients: [] });
    expect(after.nodes[0]).toBe(flow.nodes[0]);
    expect(group(after, 1).branches[0]).toBe(group(flow, 1).branches[0]);
    expect(group(after, 1).branches[1]).not.toBe(group(flow, 1).branches[1]);
  });

  it("refuses a branch that does not exist", () => {
    expect(() => insertNode(sample(), "nope", 0, { id: "q", type: "cc", name: "Q", recipients: [] })).toThrow("no branch nope");
  });

  it("deletes a nested node, and a group with everything inside it", () => {
    expect(ids(removeNode(sample(), "b"))).toEqual(["a", "c", "z"]);
    expect(ids(removeNode(sample(), "c"))).toEqual(["a", "z"]);
    expect(removeNode(sample(), "nope")).toEqual(sample());
  });
});

describe("moving nodes", () => {
  it("shifts a node within its sequence and stops at the ends", () => {
    expect(ids(shiftNode(sample(), "z", -1))).toEqual(["a", "z", "c", "b"]);
    expect(ids(shiftNode(sample(), "a", -1))).toEqual(["a", "c", "b", "z"]);
    expect(ids(shiftNode(sample(), "b", 1))).toEqual(["a", "c", "b", "z"]);
  });

  it("moves a node into a branch and out again", () => {
    const into = moveNode(sample(), "a", "y", 0)!;
    expect(into.nodes.map((n) => n.id)).toEqual(["c", "z"]);
    expect(group(into, 0).branches[1]!.nodes.map((n) => n.id)).toEqual(["a"]);
    const out = moveNode(into, "b", null, 2)!;
    expect(out.nodes.map((n) => n.id)).toEqual(["c", "z", "b"]);
  });

  it("counts the target position before the node left its own sequence", () => {
    expect(moveNode(sample(), "a", null, 2)!.nodes.map((n) => n.id)).toEqual(["c", "a", "z"]);
    expect(moveNode(sample(), "z", null, 0)!.nodes.map((n) => n.id)).toEqual(["z", "a", "c"]);
  });

  it("refuses to move a group into one of its own branches", () => {
    expect(moveNode(sample(), "c", "x", 0)).toBeNull();
  });
});

describe("branches", () => {
  it("adds a condition branch before the default one", () => {
    const flow = addBranch(sample(), "c", names, counter());
    expect(group(flow, 1).branches.map((b) => [b.id, b.name, b.default ?? false])).toEqual([
      ["x", "X", false],
      ["b1", "条件2", false],
      ["y", "Y", true],
    ]);
    expect(group(flow, 1).branches[1]!.condition).toBe("");
  });

  it("adds a parallel branch last", () => {
    const made = counter();
    const flow = insertNode({ nodes: [] }, null, 0, newNode("parallel", names, made));
    const added = addBranch(flow, flow.nodes[0]!.id, names, made);
    expect(group(added, 0).branches.map((b) => b.name)).toEqual(["分支1", "分支2", "分支3"]);
  });

  it("never deletes the default branch", () => {
    expect(removeBranch(sample(), "y")).toEqual(sample());
  });

  it("dissolves a group left with one branch, keeping that branch's nodes in its place", () => {
    const flow = removeBranch(sample(), "x");
    expect(ids(flow)).toEqual(["a", "z"]);
    const kept = removeBranch(moveNode(sample(), "b", "y", 0)!, "x");
    expect(ids(kept)).toEqual(["a", "b", "z"]);
  });

  it("deletes one branch of three and keeps the group", () => {
    const flow = removeBranch(addBranch(sample(), "c", names, counter()), "x");
    expect(group(flow, 1).branches.map((b) => b.id)).toEqual(["b1", "y"]);
  });

  it("reorders branches but keeps the default branch last", () => {
    const three = addBranch(sample(), "c", names, counter());
    expect(group(shiftBranch(three, "x", 1), 1).branches.map((b) => b.id)).toEqual(["b1", "x", "y"]);
    expect(group(shiftBranch(three, "b1", 1), 1).branches.map((b) => b.id)).toEqual(["x", "b1", "y"]);
    expect(group(shiftBranch(three, "x", -1), 1).branches.map((b) => b.id)).toEqual(["x", "b1", "y"]);
    expect(group(shiftBranch(three, "y", -1), 1).branches.map((b) => b.id)).toEqual(["x", "b1", "y"]);
  });
});

describe("earlierTaskNodes", () => {
  it("names the task nodes before a node, those inside earlier groups included", () => {
    expect(earlierTaskNodes(sample(), "z").map((n) => n.id)).toEqual(["a", "b"]);
    expect(earlierTaskNodes(sample(), "b").map((n) => n.id)).toEqual(["a"]);
    expect(earlierTaskNodes(sample(), "a")).toEqual([]);
  });
});

describe("newSource", () => {
  it("writes out the defaults the server assumes", () => {
    expect(newSource("supervisor")).toEqual({ type: "supervisor", level: 1, from: "bottom" });
    expect(newSource("submitter_selected")).toEqual({ type: "submitter_selected", multiple: true, required: true });
    expect(newSource("department_head")).toEqual({ type: "department_head", department: "submitter" });
    expect(newSource("continuous_supervisors")).toEqual({ type: "continuous_supervisors", up_to_level: 1 });
    expect(newSource("submitter")).toEqual({ type: "submitter" });
  });
});
