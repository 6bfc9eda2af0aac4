// Sentences for what the server said about a punch or a group: ours for every attendance code
// (attendance.errors.<code>), then the app's shared ones, then the server's own message.
import { errorText, type Translator } from "@/app/errorText";
import { isApiError } from "@/api/problem";

import { formatDistance } from "./geo";
import type { Rejection } from "./storage";

export interface NamedTranslator extends Translator {
  t: (key: string, named?: Record<string, unknown>) => string;
}

export function rejectionText(rejection: Rejection, { t, te }: NamedTranslator): string {
  const distance = rejection.details.distance_m;
  if (rejection.code === "outside_places" && typeof distance === "number") {
    return t("attendance.errors.outside_places_at", { distance: formatDistance(distance) });
  }
  for (const key of [`attendance.errors.${rejection.code}`, `errors.${rejection.code}`]) {
    if (te(key)) return t(key);
  }
  return rejection.message || t("common.error.generic");
}

/** For a failed request (ApiError): the attendance sentence for its code, else the shared one. */
export function attendanceErrorText(error: unknown, translator: NamedTranslator): string {
  if (isApiError(error) && !error.isNetwork) {
    const key = `attendance.errors.${error.code}`;
    if (translator.te(key)) return translator.t(key);
  }
  return errorText(error, translator);
}
