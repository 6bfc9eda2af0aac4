// Small rules of the documents pages, kept apart so that they can be tested without a browser.
import type { Level } from "./types";

const RANK: Record<Level | "none", number> = { none: 0, view: 1, comment: 2, edit: 3, manage: 4 };

export function atLeast(level: Level | "none", wanted: Level): boolean {
  return RANK[level] >= RANK[wanted];
}

/** The co-editing socket's base URL (the client appends the document id). */
export function syncUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws/documents`;
}

/** What a close code of the co-editing socket means for the person editing (an i18n key), or null. */
export function closeReason(code: number | null | undefined): string | null {
  switch (code) {
    case 4401:
      return "documents.editor.closed.signedOut";
    case 4403:
      return "documents.editor.closed.revoked";
    case 4404:
      return "documents.editor.closed.notFound";
    case 4413:
      return "documents.editor.closed.tooLarge";
    case 4503:
      return "documents.editor.closed.full";
    case 4400:
      return "documents.editor.closed.malformed";
    default:
      return null;
  }
}
