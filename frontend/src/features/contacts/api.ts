// The colleague directory (通讯录): search, one card, and the people of one department.
import { api, unwrap } from "@/api/client";
import type { Contact, ContactDetail, ContactPage } from "@/api/types";

export const CONTACTS_PAGE_SIZE = 50;
/** The largest page the server gives. */
export const CONTACTS_MAX_PAGE = 200;

export function fetchContactsPage(
  query: string,
  cursor: string | null,
  options: { department?: string | null; direct?: boolean; limit?: number } = {},
): Promise<ContactPage> {
  return unwrap(
    api.GET("/api/v1/contacts", {
      params: {
        query: {
          q: query || undefined,
          department: options.department ?? undefined,
          direct: options.direct || undefined,
          cursor: cursor ?? undefined,
          limit: options.limit ?? CONTACTS_PAGE_SIZE,
        },
      },
    }),
  );
}

export function fetchContact(employeeId: string): Promise<ContactDetail> {
  return unwrap(api.GET("/api/v1/contacts/{employee_id}", { params: { path: { employee_id: employeeId } } }));
}

/** The people whose main department is exactly `departmentId` (not its sub-departments). */
export async function fetchDirectMembers(departmentId: string, expected: number): Promise<Contact[]> {
  const members: Contact[] = [];
  if (expected <= 0) return members;
  let cursor: string | null = null;
  do {
    const page: ContactPage = await fetchContactsPage("", cursor, {
      department: departmentId,
      direct: true,
      limit: CONTACTS_MAX_PAGE,
    });
    members.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return members;
}
