// The states every page goes through, and how an error maps onto them.
import { isApiError } from "@/api/problem";

export type PageStateKind = "loading" | "ready" | "empty" | "error" | "offline" | "forbidden";

export function stateForError(error: unknown): PageStateKind {
  if (isApiError(error)) {
    if (error.isNetwork) return "offline";
    if (error.status === 403 || error.status === 404) return "forbidden";
  }
  return "error";
}
