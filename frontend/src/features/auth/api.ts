// Calls to django-allauth's headless API (browser client): login, logout, password change.
import { notifyUnauthenticated, officiumFetch, readBody } from "@/api/http";
import { ApiError } from "@/api/problem";

import type { AccountIdentifier } from "./identifier";

const BASE = "/_allauth/browser/v1";

interface Answer {
  status: number;
  body: unknown;
}

async function allauth(method: string, path: string, body?: unknown): Promise<Answer> {
  const response = await officiumFetch(BASE + path, {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await readBody(response) };
}

/** Ends this browser's session. allauth answers 401 ("not authenticated any more") on success. */
export async function logout(): Promise<void> {
  const { status, body } = await allauth("DELETE", "/auth/session");
  if (status !== 401 && status !== 200) throw ApiError.fromResponse(status, body);
}

export async function login(identifier: AccountIdentifier, password: string): Promise<void> {
  let answer = await allauth("POST", "/auth/login", { ...identifier, password });
  if (answer.status === 409) {
    // This browser still has a session, possibly someone else's: end it and sign in afresh.
    await logout();
    answer = await allauth("POST", "/auth/login", { ...identifier, password });
  }
  if (answer.status !== 200) throw ApiError.fromResponse(answer.status, answer.body);
}

export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  const { status, body } = await allauth("POST", "/account/password/change", {
    current_password: currentPassword,
    new_password: newPassword,
  });
  if (status === 200) return;
  if (status === 401) notifyUnauthenticated();
  throw ApiError.fromResponse(status, body);
}
