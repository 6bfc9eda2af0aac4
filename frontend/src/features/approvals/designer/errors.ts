// One sentence for a failed designer request: our own text for the approval codes we know, then the
// app-wide texts (errorText).
import { isApiError } from "@/api/problem";
import { errorText, type Translator } from "@/app/errorText";

export function designerErrorText(error: unknown, translator: Translator): string {
  if (isApiError(error)) {
    const key = `approvalDesigner.errors.${error.code}`;
    if (translator.te(key)) return translator.t(key);
  }
  return errorText(error, translator);
}

/** The messages of a 422 answer's per-field errors (a form filled for the preview). */
export function fieldErrorMessages(error: unknown): string[] {
  if (!isApiError(error) || !error.problem) return [];
  return error.problem.errors.map((item) => item.msg).filter(Boolean);
}

/** The parts of the editor a refused save can point at. */
export type SavePart = "name" | "category" | "icon" | "description" | "submitters" | "admin_ids" | "settings" | "form" | "flow";
const PARTS: readonly string[] = ["name", "category", "icon", "description", "submitters", "admin_ids", "settings", "form", "flow"];

/**
 * A refused save, by the part of the editor it concerns: the service's own codes for settings and
 * submitters, the request validation's locations (`["body", "payload", "name"]`) for the rest.
 */
export function saveErrorsByPart(error: unknown, translator: Translator): Partial<Record<SavePart, string>> {
  if (!isApiError(error) || !error.problem) return {};
  if (error.code === "invalid_settings") return { settings: designerErrorText(error, translator) };
  if (error.code === "invalid_submitters") return { submitters: designerErrorText(error, translator) };
  const out: Partial<Record<SavePart, string>> = {};
  for (const item of error.problem.errors) {
    const part = item.loc.slice(item.loc.indexOf("payload") + 1).find((segment) => PARTS.includes(String(segment)));
    if (part !== undefined && !out[part as SavePart]) out[part as SavePart] = item.msg;
  }
  return out;
}
