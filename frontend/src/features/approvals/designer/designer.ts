// What the editor's tabs share (provided by the editor page, not passed down every level of the
// recursive flow drawing): the draft being edited and where the server's problems belong.
import type { ComputedRef, InjectionKey, Ref } from "vue";

import type { Draft, Submitters } from "./model";
import type { PlacedProblems } from "./problems";

export interface Basics {
  name: string;
  category: string;
  icon: string;
  description: string;
  submitters: Submitters;
  admin_ids: string[];
}

export interface Designer {
  draft: Ref<Draft>;
  basics: Basics;
  /** The problems of the last saved draft, by field id, node id and branch id. */
  placed: ComputedRef<PlacedProblems>;
  /** Categories other templates use (quick picks). */
  categories: ComputedRef<string[]>;
}

export const DESIGNER: InjectionKey<Designer> = Symbol("approval-designer");
