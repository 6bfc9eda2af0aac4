// The fetch that every call to our server goes through: same-origin cookies, the CSRF header, the
// UI language, and the bookkeeping that feeds the offline banner and the redirect to login.
import { reportRequestFailed, reportRequestSucceeded } from "@/offline/network";

import { CSRF_HEADER, needsCsrfToken, readCsrfToken } from "./csrf";
import { ApiError } from "./problem";

let requestLanguage = "";
let unauthenticatedHandler: (() => void) | null = null;

/** Server-side messages (validation errors) then come back in the language the UI shows. */
export function setRequestLanguage(language: string): void {
  requestLanguage = language;
}

/** Called when any request that expects a session gets a 401. */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  unauthenticatedHandler = handler;
}

export function notifyUnauthenticated(): void {
  unauthenticatedHandler?.();
}

function currentOrigin(): string {
  return globalThis.location?.origin ?? "http://localhost";
}

/**
 * The shell may come from the service worker's cache, so the server never had a chance to set the
 * CSRF cookie; any allauth browser endpoint sets it.
 */
async function fetchCsrfToken(): Promise<string | null> {
  try {
    await fetch("/_allauth/browser/v1/auth/session", { credentials: "same-origin" });
  } catch {
    // The real request will fail the same way and report it.
  }
  return readCsrfToken();
}

/** A drop-in `fetch` (also handed to openapi-fetch). Throws ApiError.network when nothing answered. */
export async function officiumFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const request = new Request(input instanceof Request ? input : new URL(String(input), currentOrigin()), {
    credentials: "same-origin",
    ...init,
  });
  if (needsCsrfToken(request.method, new URL(request.url), currentOrigin())) {
    const token = readCsrfToken() ?? (await fetchCsrfToken());
    if (token) request.headers.set(CSRF_HEADER, token);
  }
  if (requestLanguage && !request.headers.has("Accept-Language")) {
    request.headers.set("Accept-Language", requestLanguage);
  }
  let response: Response;
  try {
    response = await fetch(request);
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    reportRequestFailed();
    throw ApiError.network(error);
  }
  reportRequestSucceeded();
  return response;
}

/** Reads an answer's body as JSON when it is JSON, as text otherwise, undefined when empty. */
export async function readBody(response: Response): Promise<unknown> {
  const raw = await response.text();
  if (!raw) return undefined;
  const type = response.headers.get("Content-Type") ?? "";
  if (type.includes("json")) {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      return raw;
    }
  }
  return raw;
}
