// The signed-in user's own profile.
import { api, unwrap } from "@/api/client";
import type { Me, MePatch } from "@/api/types";

export function fetchMe(): Promise<Me> {
  // A 401 here is the answer to "is anyone signed in?", not an expired session.
  return unwrap(api.GET("/api/v1/me"), { allowUnauthenticated: true });
}

export function patchMe(changes: MePatch): Promise<Me> {
  return unwrap(api.PATCH("/api/v1/me", { body: changes }));
}
