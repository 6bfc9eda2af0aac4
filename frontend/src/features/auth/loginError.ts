// Which message a failed sign-in shows. Wrong username and wrong password look the same on purpose.
import { isApiError } from "@/api/problem";

export function loginErrorKey(error: unknown): string {
  if (!isApiError(error)) return "login.errors.generic";
  if (error.isNetwork) return "login.errors.offline";
  if (error.status === 429) return "login.errors.tooManyAttempts";
  if (error.status === 400) return "login.errors.invalidCredentials";
  // 401 after a correct password: allauth wants another step (MFA) we do not offer yet.
  if (error.status === 401) return "login.errors.verificationRequired";
  return "login.errors.generic";
}
