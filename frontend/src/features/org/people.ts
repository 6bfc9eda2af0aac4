// People as the pickers and forms hold them, and turning employee ids into account ids for grants.
import { api, unwrap } from "@/api/client";

/** What a picker knows of a person; a preselected one may lack the department. */
export interface PickedPerson {
  id: string;
  name: string;
  job_title?: string;
  department?: { id: string; name: string };
}

export function personLabel(person: { name: string; job_title?: string | null }): string {
  return [person.name, person.job_title].filter(Boolean).join(" · ");
}

/**
 * Grants are made to accounts (user ids), the pickers find employees. The contacts list carries a
 * `user_id` once the server adds it; until then the employee record has it (that needs
 * `org.employee.view`). Resolves to null when neither is available.
 */
export async function userIdOf(person: PickedPerson & { user_id?: unknown }): Promise<string | null> {
  if (typeof person.user_id === "string" && person.user_id) return person.user_id;
  try {
    const record = await unwrap(
      api.GET("/api/v1/org/employees/{employee_id}", { params: { path: { employee_id: person.id } } }),
    );
    return record.user_id;
  } catch {
    return null;
  }
}
