// The department tree, built on the client from the server's flat list, and the questions the
// tree editor asks of it (where may this department be dropped, what lies above it).

/** What the tree needs of a department (the API's DepartmentOut has all of it). */
export interface FlatDepartment {
  id: string;
  name: string;
  parent_id: string | null;
  order: number;
  member_count: number;
}

export interface TreeNode<T extends FlatDepartment = FlatDepartment> {
  department: T;
  parent: TreeNode<T> | null;
  children: TreeNode<T>[];
  /** 0 for a root. */
  level: number;
  /** People whose main department is this one or one below it. */
  total: number;
}

export interface DepartmentTree<T extends FlatDepartment = FlatDepartment> {
  roots: TreeNode<T>[];
  byId: Map<string, TreeNode<T>>;
}

const collator = new Intl.Collator("zh-CN");

/** Siblings by `order`, then by name, then by id, so that the order is the same on every device. */
export function compareSiblings(a: FlatDepartment, b: FlatDepartment): number {
  return a.order - b.order || collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Builds the tree from the flat list. A department whose parent is not in the list (a dissolved
 * parent, a list cut by permissions) becomes a root rather than disappearing; a cycle in bad data
 * cannot make this loop.
 */
export function buildTree<T extends FlatDepartment>(flat: readonly T[]): DepartmentTree<T> {
  const byId = new Map<string, TreeNode<T>>();
  for (const department of flat) {
    byId.set(department.id, { department, parent: null, children: [], level: 0, total: 0 });
  }
  const roots: TreeNode<T>[] = [];
  for (const node of byId.values()) {
    const parentId = node.department.parent_id;
    const parent = parentId !== null && parentId !== node.department.id ? byId.get(parentId) : undefined;
    if (parent && !isAncestorOrSelf(node, parent)) {
      node.parent = parent;
      parent.children.push(node);
    } else {
      roots.push(node);
    }
  }
  const finish = (nodes: TreeNode<T>[], level: number): number => {
    nodes.sort((a, b) => compareSiblings(a.department, b.department));
    let sum = 0;
    for (const node of nodes) {
      node.level = level;
      node.total = node.department.member_count + finish(node.children, level + 1);
      sum += node.total;
    }
    return sum;
  };
  finish(roots, 0);
  return { roots, byId };
}

/** True when `candidate` is `node` or lies above it (walking the parent links made so far). */
function isAncestorOrSelf<T extends FlatDepartment>(candidate: TreeNode<T>, node: TreeNode<T>): boolean {
  for (let current: TreeNode<T> | null = node; current; current = current.parent) {
    if (current === candidate) return true;
  }
  return false;
}

/** The departments from the root down to `id` (inclusive); empty for an unknown id. */
export function pathTo<T extends FlatDepartment>(tree: DepartmentTree<T>, id: string): T[] {
  const path: T[] = [];
  for (let node = tree.byId.get(id) ?? null; node; node = node.parent) path.unshift(node.department);
  return path;
}

/** `id` and every department below it. */
export function subtreeIds(tree: DepartmentTree, id: string): Set<string> {
  const ids = new Set<string>();
  const start = tree.byId.get(id);
  const stack = start ? [start] : [];
  while (stack.length) {
    const node = stack.pop()!;
    ids.add(node.department.id);
    stack.push(...node.children);
  }
  return ids;
}

/** Every node in display order (depth first), optionally only below expanded nodes. */
export function flatten<T extends FlatDepartment>(
  roots: readonly TreeNode<T>[],
  isExpanded: (id: string) => boolean = () => true,
): TreeNode<T>[] {
  const out: TreeNode<T>[] = [];
  const walk = (nodes: readonly TreeNode<T>[]) => {
    for (const node of nodes) {
      out.push(node);
      if (isExpanded(node.department.id)) walk(node.children);
    }
  };
  walk(roots);
  return out;
}

export type DropVerdict = "ok" | "self" | "cycle" | "already-there" | "unknown";

/**
 * Whether dropping `draggedId` onto `targetId` (= "move it under the target") makes sense:
 * never onto itself or into its own subtree (the server would refuse with `department_cycle`),
 * and a drop onto its current parent changes nothing.
 */
export function dropVerdict(tree: DepartmentTree, draggedId: string, targetId: string): DropVerdict {
  const dragged = tree.byId.get(draggedId);
  const target = tree.byId.get(targetId);
  if (!dragged || !target) return "unknown";
  if (draggedId === targetId) return "self";
  if (subtreeIds(tree, draggedId).has(targetId)) return "cycle";
  if (dragged.parent?.department.id === targetId) return "already-there";
  return "ok";
}

/** Departments whose name or code contains the text (case-insensitive), with their ancestors kept. */
export function matchingIds(tree: DepartmentTree<FlatDepartment & { code?: string | null }>, text: string): Set<string> {
  const needle = text.trim().toLowerCase();
  const keep = new Set<string>();
  if (!needle) return keep;
  for (const node of tree.byId.values()) {
    const { name, code } = node.department;
    if (name.toLowerCase().includes(needle) || (code ?? "").toLowerCase().includes(needle)) {
      for (let current: TreeNode | null = node; current && !keep.has(current.department.id); current = current.parent) {
        keep.add(current.department.id);
      }
    }
  }
  return keep;
}
