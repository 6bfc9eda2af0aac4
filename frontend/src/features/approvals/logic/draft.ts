// The submit form's draft, kept in this browser while the user types (per user and template), with
// the Idempotency-Key of its submission: a retry after a lost answer sends the same key, so the
// server answers with the approval it already created instead of creating a second one.
import type { FormValues } from "../types";

export interface Draft {
  values: FormValues;
  chosen: Record<string, string[]>;
  idempotencyKey: string;
  savedAt: string;
}

const PREFIX = "officium.approvals.draft";

export function draftKey(userId: string, templateId: string): string {
  return `${PREFIX}.${userId}.${templateId}`;
}

export function newIdempotencyKey(): string {
  return globalThis.crypto.randomUUID();
}

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** The stored draft, or a fresh one (with a new key) when there is none or it is unreadable. */
export function loadDraft(userId: string, templateId: string): Draft {
  const raw = storage()?.getItem(draftKey(userId, templateId));
  if (raw) {
    try {
      const parsed = JSON.parse(raw) as Partial<Draft>;
      if (parsed && typeof parsed === "object" && typeof parsed.idempotencyKey === "string") {
        return {
          values: parsed.values && typeof parsed.values === "object" ? parsed.values : {},
          chosen: parsed.chosen && typeof parsed.chosen === "object" ? parsed.chosen : {},
          idempotencyKey: parsed.idempotencyKey,
          savedAt: typeof parsed.savedAt === "string" ? parsed.savedAt : "",
        };
      }
    } catch {
      // A damaged draft is dropped: the user starts again rather than seeing an error.
    }
  }
  return { values: {}, chosen: {}, idempotencyKey: newIdempotencyKey(), savedAt: "" };
}

/**
 * Whether a failed submission needs a new key. The server keeps its answer to a key, refusals
 * included: after a 4xx the user changes the form, and the same key with another payload would be
 * refused as reused. Without an answer (offline, 5xx) or while the first try still runs (409
 * in progress), the key stays, so that the retry cannot create a second approval.
 */
export function needsNewKey(status: number, code: string): boolean {
  return status >= 400 && status < 500 && code !== "idempotency_request_in_progress";
}

export function hasDraft(userId: string, templateId: string): boolean {
  return Boolean(storage()?.getItem(draftKey(userId, templateId)));
}

export function saveDraft(userId: string, templateId: string, draft: Omit<Draft, "savedAt">, now = new Date()): Draft {
  const saved: Draft = { ...draft, savedAt: now.toISOString() };
  try {
    storage()?.setItem(draftKey(userId, templateId), JSON.stringify(saved));
  } catch {
    // Storage full or disabled: the form still works, it only will not survive a reload.
  }
  return saved;
}

export function clearDraft(userId: string, templateId: string): void {
  storage()?.removeItem(draftKey(userId, templateId));
}
