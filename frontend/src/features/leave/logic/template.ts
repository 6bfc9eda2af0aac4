// "Request leave" opens the approval centre's built-in leave template (backend: approvals/builtin.py).
export const LEAVE_TEMPLATE_KEY = "leave";

/** The id of the leave template among those the person may submit; null when it is not there. */
export function leaveTemplateId(available: readonly { id: string; key: string }[]): string | null {
  return available.find((template) => template.key === LEAVE_TEMPLATE_KEY)?.id ?? null;
}
