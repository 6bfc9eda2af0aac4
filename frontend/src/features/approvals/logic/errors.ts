// Texts for failed approval requests: our own sentence for each approval problem code, else the
// shared errorText (which falls back to the server's detail, already in the user's language).
import { errorText, type Translator } from "@/app/errorText";
import { isApiError } from "@/api/problem";

import type { NamedTranslator } from "./conflict";
import type { LocalProblem } from "./formLogic";

export function approvalErrorText(error: unknown, translator: Translator): string {
  if (isApiError(error) && !error.isNetwork) {
    const key = `approvals.errors.${error.code}`;
    if (translator.te(key)) return translator.t(key);
  }
  return errorText(error, translator);
}

/** The sentence for a problem found before sending (the same rules the server applies). */
export function localProblemText(problem: LocalProblem, { t }: NamedTranslator): string {
  if (problem.code === "pattern_mismatch" && problem.limit) return problem.limit;
  return t(`approvals.form.problem.${problem.code}`, { limit: problem.limit ?? "" });
}

/** The same, for an answer the outbox kept (code and detail, no ApiError any more). */
export function answerText(code: string, detail: string, translator: Translator): string {
  const key = `approvals.errors.${code}`;
  if (code && translator.te(key)) return translator.t(key);
  return detail || translator.t("common.error.generic");
}
