// Sending punches and photos, and reading the server's answers in the queue's terms: recorded
// ("synced", a repeated id included), refused (with the reason), or no usable answer (stays queued).
import { codeForStatus } from "@/api/problem";
import { readBody } from "@/api/http";

import type { Punch, PunchPayload } from "../types";
import type { Rejection } from "./storage";

export const BASE = "/api/v1/attendance";
const TIMEOUT_MS = 20_000;

/** `fetch` as the transport needs it; throws when no answer arrived. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export type Outcome =
  | { kind: "synced"; punch: Punch; duplicate: boolean }
  | { kind: "rejected"; rejection: Rejection }
  | { kind: "unanswered" };

export type PhotoOutcome = { kind: "uploaded"; photoId: string } | Exclude<Outcome, { kind: "synced" }>;

export interface PunchTransport {
  sendOne(payload: PunchPayload): Promise<Outcome>;
  /** One outcome per id sent; ids the answer does not mention are unanswered. */
  sendBatch(payloads: PunchPayload[]): Promise<Map<string, Outcome>>;
  uploadPhoto(photo: Blob): Promise<PhotoOutcome>;
}

/** Worth trying again later: signed out, refused by a proxy or the CSRF check, throttled, failing. */
export function isRetryable(status: number): boolean {
  return [401, 403, 408, 425, 429].includes(status) || status >= 500;
}

const PROBLEM_MEMBERS = new Set(["type", "title", "status", "code", "detail", "instance"]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A refusal from a problem+json body: its code, detail and any extra members (distance_m…). */
export function rejectionFromProblem(status: number, body: unknown): Rejection {
  const problem = isRecord(body) ? body : {};
  const details = Object.fromEntries(Object.entries(problem).filter(([key]) => !PROBLEM_MEMBERS.has(key)));
  return {
    code: typeof problem.code === "string" && problem.code ? problem.code : codeForStatus(status),
    message: typeof problem.detail === "string" ? problem.detail : typeof problem.title === "string" ? problem.title : "",
    details,
  };
}

function outcomeOfItem(item: unknown): Outcome | null {
  if (!isRecord(item)) return null;
  if ((item.result === "created" || item.result === "duplicate") && isRecord(item.punch)) {
    return { kind: "synced", punch: item.punch as Punch, duplicate: item.result === "duplicate" };
  }
  if (item.result === "rejected") {
    return {
      kind: "rejected",
      rejection: {
        code: typeof item.code === "string" && item.code ? item.code : "rejected",
        message: typeof item.message === "string" ? item.message : "",
        details: isRecord(item.details) ? item.details : {},
      },
    };
  }
  return null;
}

export function createTransport(fetchLike: FetchLike): PunchTransport {
  async function post(path: string, body: BodyInit, json: boolean): Promise<{ status: number; body: unknown } | null> {
    try {
      const response = await fetchLike(`${BASE}${path}`, {
        method: "POST",
        headers: json ? { "Content-Type": "application/json" } : {},
        body,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      return { status: response.status, body: await readBody(response) };
    } catch {
      return null; // offline, refused connection, timed out: no answer
    }
  }

  async function sendOne(payload: PunchPayload): Promise<Outcome> {
    const answer = await post("/punches", JSON.stringify(payload), true);
    if (!answer || isRetryable(answer.status)) return { kind: "unanswered" };
    if ((answer.status === 200 || answer.status === 201) && isRecord(answer.body)) {
      const { duplicate, ...punch } = answer.body;
      return { kind: "synced", punch: punch as unknown as Punch, duplicate: duplicate === true || answer.status === 200 };
    }
    return { kind: "rejected", rejection: rejectionFromProblem(answer.status, answer.body) };
  }

  async function sendBatch(payloads: PunchPayload[]): Promise<Map<string, Outcome>> {
    const outcomes = new Map<string, Outcome>(payloads.map((payload) => [payload.id, { kind: "unanswered" }]));
    if (!payloads.length) return outcomes;
    const answer = await post("/punches/batch", JSON.stringify({ punches: payloads }), true);
    if (!answer || isRetryable(answer.status)) return outcomes;
    if (answer.status === 200 && Array.isArray(answer.body)) {
      for (const item of answer.body) {
        const outcome = outcomeOfItem(item);
        if (outcome && isRecord(item) && typeof item.id === "string" && outcomes.has(item.id)) outcomes.set(item.id, outcome);
      }
      return outcomes;
    }
    if (payloads.length > 1) {
      // The batch as a whole was refused (one malformed item): send each alone to find out which.
      for (const payload of payloads) {
        const single = await sendBatch([payload]);
        const outcome = single.get(payload.id) ?? { kind: "unanswered" };
        outcomes.set(payload.id, outcome);
        if (outcome.kind === "unanswered") break;
      }
      return outcomes;
    }
    outcomes.set(payloads[0]!.id, { kind: "rejected", rejection: rejectionFromProblem(answer.status, answer.body) });
    return outcomes;
  }

  async function uploadPhoto(photo: Blob): Promise<PhotoOutcome> {
    const form = new FormData();
    const type = photo.type || "image/jpeg";
    form.append("file", photo, `field-work.${type.split("/")[1] ?? "jpg"}`);
    const answer = await post("/photos", form, false);
    if (!answer || isRetryable(answer.status)) return { kind: "unanswered" };
    if (answer.status === 201 && isRecord(answer.body) && typeof answer.body.id === "string") {
      return { kind: "uploaded", photoId: answer.body.id };
    }
    return { kind: "rejected", rejection: rejectionFromProblem(answer.status, answer.body) };
  }

  return { sendOne, sendBatch, uploadPhoto };
}
