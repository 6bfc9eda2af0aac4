// The typed client for /api/v1/ (types generated from schema/openapi.json into schema.d.ts).
import createClient from "openapi-fetch";

import { notifyUnauthenticated, officiumFetch } from "./http";
import { ApiError } from "./problem";
import type { paths } from "./schema";

export const api = createClient<paths>({
  baseUrl: globalThis.location?.origin ?? "",
  fetch: officiumFetch,
  credentials: "same-origin",
});

export interface UnwrapOptions {
  /** The caller handles 401 itself (the session check); otherwise a 401 sends the user to login. */
  allowUnauthenticated?: boolean;
}

type Answer<T> = { data?: T; error?: unknown; response: Response };

/** Resolves to the answer's data, or throws an ApiError carrying the parsed problem. */
export async function unwrap<T>(pending: Promise<Answer<T>>, options: UnwrapOptions = {}): Promise<T> {
  const { data, error, response } = await pending;
  if (response.ok) return data as T;
  if (response.status === 401 && !options.allowUnauthenticated) notifyUnauthenticated();
  throw ApiError.fromResponse(response.status, error);
}
