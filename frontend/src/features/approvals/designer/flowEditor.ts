// What the flow drawing's recursive parts share with the flow designer (provided, not passed down).
import type { InjectionKey, Ref } from "vue";

import type { SequenceId } from "./flowTree";

export type Selection = { kind: "start" } | { kind: "node"; id: string } | { kind: "branch"; id: string };

export interface FlowEditor {
  selection: Ref<Selection | null>;
  select(selection: Selection): void;
  /** Opens the "+" menu for a gap of a sequence. */
  openAdd(sequence: SequenceId, index: number): void;
  removeNode(id: string): void;
  shiftNode(id: string, offset: -1 | 1): void;
  addBranch(groupId: string): void;
  removeBranch(id: string): void;
  shiftBranch(id: string, offset: -1 | 1): void;
  /** Drag and drop of a node onto a "+" gap. */
  dragged: Ref<string | null>;
  startDrag(id: string): void;
  endDrag(): void;
  dropAt(sequence: SequenceId, index: number): void;
  problemsOfNode(id: string): string[];
  problemsOfBranch(id: string): string[];
}

export const FLOW_EDITOR: InjectionKey<FlowEditor> = Symbol("flow-editor");
