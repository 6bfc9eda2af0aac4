// What the department tree's rows share with the page that edits the tree (provided, not passed
// through every level of the recursive rows).
import type { InjectionKey, Ref } from "vue";

import type { Department } from "@/api/types";

import type { DropVerdict, TreeNode } from "../tree";

export interface TreeEditor {
  isExpanded(id: string): boolean;
  toggle(id: string): void;
  /** Rows can be dragged (a desktop with a mouse; phones use "Move to…"). */
  draggable: Ref<boolean>;
  dragged: Ref<string | null>;
  over: Ref<{ id: string; verdict: DropVerdict } | null>;
  /** Shown in the tree while a search narrows it; null = everything. */
  visible: Ref<Set<string> | null>;
  startDrag(id: string): void;
  endDrag(): void;
  dragOver(id: string): void;
  dragLeave(id: string): void;
  drop(id: string): void;
  openActions(node: TreeNode<Department>): void;
}

export const TREE_EDITOR: InjectionKey<TreeEditor> = Symbol("tree-editor");
