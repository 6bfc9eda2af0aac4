// Calls to /api/v1/approvals/: reads through the typed client; writes that must not happen twice
// carry an Idempotency-Key and keep the raw problem body (field errors by pointer, a 409's state).
import { api, unwrap } from "@/api/client";
import { officiumFetch, readBody } from "@/api/http";
import { ApiError } from "@/api/problem";
import type { CursorPage } from "@/api/types";

import type {
  Attachment,
  BatchResult,
  Box,
  InboxCounts,
  InboxFilter,
  InboxItem,
  Instance,
  PreviewStep,
  SubmissionForm,
  TemplateSummary,
} from "./types";

export const INBOX_PAGE_SIZE = 20;
const BASE = "/api/v1/approvals";

// The body of each failed write, for the pages that show field errors or explain a conflict.
const problemBodies = new WeakMap<ApiError, unknown>();

export function problemBody(error: unknown): unknown {
  return error instanceof ApiError ? problemBodies.get(error) : undefined;
}

export interface RawAnswer {
  status: number;
  body: unknown;
}

/** POST JSON with an Idempotency-Key; answers whatever the server said (throws only without an answer). */
export async function postRaw(path: string, body: unknown, idempotencyKey: string): Promise<RawAnswer> {
  const response = await officiumFetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json", "Idempotency-Key": idempotencyKey },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await readBody(response) };
}

/** POST and return the data, or throw an ApiError whose raw body `problemBody()` gives. */
export async function post<T>(path: string, body: unknown, idempotencyKey: string): Promise<T> {
  const answer = await postRaw(path, body, idempotencyKey);
  if (answer.status >= 200 && answer.status < 300) return answer.body as T;
  const error = ApiError.fromResponse(answer.status, answer.body);
  problemBodies.set(error, answer.body);
  throw error;
}

export function fetchAvailable(): Promise<TemplateSummary[]> {
  return unwrap(api.GET("/api/v1/approvals/available"));
}

export function fetchSubmissionForm(templateId: string): Promise<SubmissionForm> {
  return unwrap(api.GET("/api/v1/approvals/available/{template_id}", { params: { path: { template_id: templateId } } }));
}

export function previewRoute(
  templateId: string,
  formData: Record<string, unknown>,
  chosen: Record<string, string[]>,
): Promise<PreviewStep[]> {
  return post(`${BASE}/available/${templateId}/preview`, { form_data: formData, chosen }, crypto.randomUUID());
}

export function submitInstance(
  templateId: string,
  formData: Record<string, unknown>,
  chosen: Record<string, string[]>,
  idempotencyKey: string,
): Promise<Instance> {
  return post(`${BASE}/instances`, { template_id: templateId, form_data: formData, chosen }, idempotencyKey);
}

export function fetchInboxPage(box: Box, filter: InboxFilter, cursor: string | null): Promise<CursorPage<InboxItem>> {
  const query = { ...filter, cursor: cursor ?? undefined, limit: INBOX_PAGE_SIZE };
  const params = { params: { query } };
  const pending =
    box === "pending"
      ? api.GET("/api/v1/approvals/inbox/pending", params)
      : box === "done"
        ? api.GET("/api/v1/approvals/inbox/done", params)
        : box === "cc"
          ? api.GET("/api/v1/approvals/inbox/cc", params)
          : api.GET("/api/v1/approvals/inbox/submitted", params);
  return unwrap(pending as Promise<{ data?: CursorPage<InboxItem>; error?: unknown; response: Response }>);
}

export function fetchCounts(): Promise<InboxCounts> {
  return unwrap(api.GET("/api/v1/approvals/inbox/counts"));
}

export function fetchInstance(instanceId: string): Promise<Instance> {
  return unwrap(api.GET("/api/v1/approvals/instances/{instance_id}", { params: { path: { instance_id: instanceId } } }));
}

export function batchApprove(taskIds: string[], comment: string): Promise<BatchResult> {
  return post(`${BASE}/tasks/batch-approve`, { task_ids: taskIds, comment }, crypto.randomUUID());
}

export async function uploadAttachment(file: File): Promise<Attachment> {
  const form = new FormData();
  form.append("file", file, file.name);
  // No Idempotency-Key: a repeated upload only leaves an unused file behind, and the server cannot
  // fingerprint a multipart body once the CSRF check has read it (it answers 500).
  const response = await officiumFetch(`${BASE}/attachments`, { method: "POST", body: form });
  const body = await readBody(response);
  if (!response.ok) {
    const error = ApiError.fromResponse(response.status, body);
    problemBodies.set(error, body);
    throw error;
  }
  return body as Attachment;
}

/** The server's print page and PDF of an approval, as the viewer may see it (full page loads). */
export function printUrl(instanceId: string): string {
  return `${BASE}/instances/${instanceId}/print`;
}

export function pdfUrl(instanceId: string): string {
  return `${BASE}/instances/${instanceId}/pdf`;
}

export function attachmentUrl(attachmentId: string): string {
  return `${BASE}/attachments/${attachmentId}`;
}

/** Paths of the actions on a task or an instance (what the outbox sends). */
export const actionPaths = {
  task: (taskId: string, action: "approve" | "reject" | "return" | "transfer" | "add-sign") =>
    `${BASE}/tasks/${taskId}/${action}`,
  instance: (instanceId: string, action: "resubmit" | "withdraw" | "urge" | "comments" | "cc" | "terminate") =>
    `${BASE}/instances/${instanceId}/${action}`,
};
