// Names for the ids a form holds (people, departments, files, related approvals): the form data
// carries ids only, so pickers and uploads remember what they showed, and people are looked up.
import { reactive } from "vue";

import { fetchContact } from "@/features/contacts/api";

export const knownNames = reactive(new Map<string, string>());
const asked = new Set<string>();

export function rememberName(id: string, name: string): void {
  knownNames.set(id, name);
}

/** A colleague's name, fetched once when it is not known yet (reactive: shows up when it arrives). */
export function personName(id: string): string {
  if (!knownNames.has(id) && !asked.has(id)) {
    asked.add(id);
    fetchContact(id)
      .then((contact) => rememberName(id, contact.name))
      .catch(() => asked.delete(id));
  }
  return knownNames.get(id) ?? "";
}
