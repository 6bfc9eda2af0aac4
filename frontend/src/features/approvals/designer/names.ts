// Names for the ids a template stores (employees, roles, positions), loaded once per page visit and
// shared by every panel. Departments come from the organisation's department store.
import { reactive, ref, shallowRef } from "vue";

import type { Position, Role } from "@/api/types";
import { isApiError } from "@/api/problem";
import { fetchContact } from "@/features/contacts/api";
import { fetchPositions, fetchRoles } from "@/features/org/api";

const employees = reactive(new Map<string, string>());
const requested = new Set<string>();

/** Remembers names a picker already gave us, so no request is needed for them. */
export function rememberEmployees(people: readonly { id: string; name: string }[]): void {
  for (const person of people) employees.set(person.id, person.name);
}

/** The employee's name once known (fetched on first use); the id meanwhile. */
export function employeeName(id: string): string {
  if (!employees.has(id) && !requested.has(id)) {
    requested.add(id);
    fetchContact(id)
      .then((contact) => employees.set(id, contact.name))
      .catch(() => undefined);
  }
  return employees.get(id) ?? id;
}

export const roles = shallowRef<Role[]>([]);
/** Listing roles needs role management (a separate duty); without it role keys are typed in. */
export const rolesListable = ref<boolean | null>(null);
let rolesPending: Promise<void> | null = null;

export function loadRoles(): Promise<void> {
  rolesPending ??= fetchRoles()
    .then((list) => {
      roles.value = list;
      rolesListable.value = true;
    })
    .catch((error: unknown) => {
      rolesListable.value = false;
      if (!isApiError(error) || error.status !== 403) rolesPending = null;
    });
  return rolesPending;
}

export function roleName(key: string): string {
  return roles.value.find((role) => role.key === key)?.name ?? key;
}

export const positions = shallowRef<Position[]>([]);
let positionsPending: Promise<void> | null = null;

export function loadPositions(): Promise<void> {
  positionsPending ??= fetchPositions()
    .then((list) => {
      positions.value = list;
    })
    .catch(() => {
      positionsPending = null;
    });
  return positionsPending;
}

export function positionName(code: string): string {
  return positions.value.find((position) => position.code === code)?.name ?? code;
}
