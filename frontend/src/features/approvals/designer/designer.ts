// What the editor's tabs share (provided by the editor page, not passed down every level of the
// recursive flow drawing): the draft being edited and where the server's problems belong.
import type { ComputedRef, InjectionKey, Ref } from "vue";

import type { SavePart } from "./errors";
import type { Draft, Submitters } from "./model";
import type { PlacedProblems } from "./problems";

export interface Basics {
  name: string;
  category: string;
  icon: string;
  description: string;
  is_active: boolean;
  submitters: Submitters;
  admin_ids: string[];
}

export interface Designer {
  draft: Ref<Draft>;
  basics: Basics;
  /** The problems of the last saved draft, by field id, node id and branch id. */
  placed: ComputedRef<PlacedProblems>;
  /** Why the last save was refused, by the part of the editor concerned. */
  saveErrors: Ref<Partial<Record<SavePart, string>>>;
  /** Categories other templates use (quick picks). */
  categories: ComputedRef<string[]>;
}

export const DESIGNER: InjectionKey<Designer> = Symbol("approval-designer");
