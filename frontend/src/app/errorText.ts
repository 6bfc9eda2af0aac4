// One sentence for a failed request, in the UI's language: our own text for every problem code we
// know (the server's `detail` may be English and names internals), else the server's detail.
import { isApiError } from "@/api/problem";

export interface Translator {
  t: (key: string) => string;
  te: (key: string) => boolean;
}

/** i18n key of the text for a problem code (`errors.<code>`). */
export function errorKey(code: string): string {
  return `errors.${code}`;
}

export function errorText(error: unknown, { t, te }: Translator): string {
  if (isApiError(error)) {
    if (error.isNetwork) return t("common.offline.title");
    const key = errorKey(error.code);
    if (te(key)) return t(key);
    if (error.problem?.detail) return error.problem.detail;
  }
  return t("common.error.generic");
}
