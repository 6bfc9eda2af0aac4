import { describe, expect, it } from "vitest";

import { buildTree, dropVerdict, flatten, matchingIds, pathTo, subtreeIds, type FlatDepartment } from "./tree";

function dept(id: string, parent: string | null, order: number, members = 0, name = id): FlatDepartment & { code: string } {
  return { id, name, parent_id: parent, order, member_count: members, code: id.toUpperCase() };
}

// A slice of the demo company, deliberately out of order (the server sorts by depth, not by tree).
const flat = [
  dept("qa", "plat", 2, 7, "测试组"),
  dept("bj", "hq", 5, 1, "北京研发中心"),
  dept("fe", "plat", 1, 10, "前端组"),
  dept("hq", null, 0, 3, "Officium 示例集团"),
  dept("prod", "bj", 1, 1, "产品设计部"),
  dept("plat", "bj", 0, 1, "平台研发部"),
  dept("be", "plat", 0, 15, "后端组"),
  dept("ux", "prod", 1, 5, "设计组"),
  dept("pm", "prod", 0, 6, "产品组"),
];

const names = (nodes: { department: FlatDepartment }[]) => nodes.map((node) => node.department.id);

describe("buildTree", () => {
  it("nests departments under their parents and orders siblings by `order`", () => {
    const tree = buildTree(flat);
    expect(names(tree.roots)).toEqual(["hq"]);
    expect(names(tree.byId.get("bj")!.children)).toEqual(["plat", "prod"]);
    expect(names(tree.byId.get("plat")!.children)).toEqual(["be", "fe", "qa"]);
    expect(names(flatten(tree.roots))).toEqual(["hq", "bj", "plat", "be", "fe", "qa", "prod", "pm", "ux"]);
  });

  it("breaks ties in order by name, then by id", () => {
    const tree = buildTree([dept("root", null, 0), dept("b", "root", 3, 0, "乙"), dept("a", "root", 3, 0, "甲"), dept("c", "root", 1)]);
    expect(names(tree.byId.get("root")!.children)).toEqual(["c", "a", "b"]);
  });

  it("gives levels and the people of the whole subtree", () => {
    const tree = buildTree(flat);
    expect(tree.byId.get("qa")!.level).toBe(3);
    expect(tree.byId.get("plat")!.total).toBe(1 + 15 + 10 + 7);
    expect(tree.byId.get("hq")!.total).toBe(3 + 1 + 33 + 1 + 11);
  });

  it("keeps a department whose parent is missing as a root, and survives a cycle", () => {
    const orphan = buildTree([dept("a", "gone", 0), dept("b", "a", 0)]);
    expect(names(orphan.roots)).toEqual(["a"]);
    const cyclic = buildTree([dept("x", "y", 0), dept("y", "x", 0)]);
    expect(cyclic.roots.length).toBe(1);
    expect(flatten(cyclic.roots).length).toBe(2);
  });

  it("handles an empty list", () => {
    expect(buildTree([]).roots).toEqual([]);
  });
});

describe("tree questions", () => {
  const tree = buildTree(flat);

  it("gives the path from the top down to a department", () => {
    expect(pathTo(tree, "qa").map((d) => d.name)).toEqual(["Officium 示例集团", "北京研发中心", "平台研发部", "测试组"]);
    expect(pathTo(tree, "nope")).toEqual([]);
  });

  it("lists a subtree", () => {
    expect([...subtreeIds(tree, "bj")].sort()).toEqual(["be", "bj", "fe", "plat", "pm", "prod", "qa", "ux"]);
    expect([...subtreeIds(tree, "qa")]).toEqual(["qa"]);
  });

  it("hides collapsed branches when flattening for display", () => {
    const open = new Set(["hq", "bj"]);
    expect(names(flatten(tree.roots, (id) => open.has(id)))).toEqual(["hq", "bj", "plat", "prod"]);
  });

  it("finds departments by name or code and keeps their ancestors", () => {
    expect([...matchingIds(tree, "设计")].sort()).toEqual(["bj", "hq", "prod", "ux"]);
    expect([...matchingIds(tree, "qa")].sort()).toEqual(["bj", "hq", "plat", "qa"]);
    expect(matchingIds(tree, "  ").size).toBe(0);
  });
});

describe("dropVerdict", () => {
  const tree = buildTree(flat);

  it("allows a drop onto another branch", () => {
    expect(dropVerdict(tree, "qa", "prod")).toBe("ok");
    expect(dropVerdict(tree, "prod", "hq")).toBe("ok");
  });

  it("refuses a drop into the department's own subtree (a cycle)", () => {
    expect(dropVerdict(tree, "bj", "plat")).toBe("cycle");
    expect(dropVerdict(tree, "bj", "qa")).toBe("cycle");
    expect(dropVerdict(tree, "hq", "ux")).toBe("cycle");
  });

  it("ignores a drop onto itself or onto its current parent", () => {
    expect(dropVerdict(tree, "bj", "bj")).toBe("self");
    expect(dropVerdict(tree, "qa", "plat")).toBe("already-there");
  });

  it("knows nothing of unknown departments", () => {
    expect(dropVerdict(tree, "qa", "nope")).toBe("unknown");
    expect(dropVerdict(tree, "nope", "qa")).toBe("unknown");
  });
});
