// Sentences for what the server said about leave: ours for each leave code (leave.errors.<code>),
// then the app's shared ones, then the server's own message.
import { errorText, type Translator } from "@/app/errorText";
import { isApiError } from "@/api/problem";

export function leaveErrorText(error: unknown, translator: Translator): string {
  if (isApiError(error) && !error.isNetwork) {
    const key = `leave.errors.${error.code}`;
    if (translator.te(key)) return translator.t(key);
  }
  return errorText(error, translator);
}
