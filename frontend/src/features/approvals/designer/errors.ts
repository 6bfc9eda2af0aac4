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
