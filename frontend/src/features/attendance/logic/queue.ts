// The punch queue. Every punch is written here first (on the device, before any request), then
// sent; it leaves the queue only when the server has answered: recorded (a repeated id is recorded
// too) or refused (kept, marked rejected, so the reason can be read). Without an answer it stays
// and is sent again with the same id, so nothing is lost and nothing is recorded twice.
//
// A punch made online is first sent alone to /punches (the server's clock is the punch time). Any
// later attempt, and every punch made offline, goes through /punches/batch with the device's time
// and clock skew, so that the punch counts when it was made, not when the network came back.
import type { Punch, PunchPayload } from "../types";
import type { PunchStorage, QueuedPunch, Rejection } from "./storage";
import type { Outcome, PunchTransport } from "./transport";

/** How long after the press a punch may still be counted at the server's time of arrival. */
export const FRESH_MS = 60_000;
const BATCH_SIZE = 50;

export interface FlushOptions {
  /** The signed-in account: only its punches are sent (and unowned ones become its own). */
  owner: string;
  /** The current clock skew, for punches made before any was known. */
  skewMs: number | null;
}

export interface FlushResult {
  synced: { entry: QueuedPunch; punch: Punch; duplicate: boolean }[];
  rejected: QueuedPunch[];
  /** Still queued: no answer (offline, timeout, server error). */
  waiting: number;
}

export interface QueueListener {
  synced?(entry: QueuedPunch, punch: Punch, duplicate: boolean): void;
  rejected?(entry: QueuedPunch): void;
}

const byPunchTime = (a: QueuedPunch, b: QueuedPunch) => a.payload.device_time.localeCompare(b.payload.device_time);

export class PunchQueue {
  private running: Promise<FlushResult> | null = null;
  private next: Promise<FlushResult> | null = null;

  constructor(
    private readonly storage: PunchStorage,
    private readonly transport: PunchTransport,
    private readonly listener: QueueListener = {},
    private readonly now: () => number = Date.now,
  ) {}

  /** Oldest first: what waits to be sent and what was refused. */
  async entries(): Promise<QueuedPunch[]> {
    return (await this.storage.list()).sort(byPunchTime);
  }

  /** Resolves once the punch is stored on the device. */
  add(entry: QueuedPunch): Promise<void> {
    return this.storage.put(entry);
  }

  /** Forgets a refused punch once its reason has been read (a waiting one is never dropped). */
  async dismiss(id: string): Promise<void> {
    const entry = (await this.storage.list()).find((item) => item.id === id);
    if (entry?.state === "rejected") await this.storage.remove(id);
  }

  /**
   * Sends what waits. A call during a flush is answered by one more flush right after it (which also
   * sees punches added meanwhile); all such calls share that one.
   */
  flush(options: FlushOptions): Promise<FlushResult> {
    if (!this.running) {
      this.running = this.run(options).finally(() => {
        this.running = null;
      });
      return this.running;
    }
    this.next ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.next = null;
        return this.flush(options);
      });
    return this.next;
  }

  private async run({ owner, skewMs }: FlushOptions): Promise<FlushResult> {
    const result: FlushResult = { synced: [], rejected: [], waiting: 0 };
    // id → the entry as it is now, oldest first.
    const waiting = new Map(
      (await this.entries())
        .filter((entry) => entry.state === "pending" && (entry.owner === owner || entry.owner === ""))
        .map((entry) => [entry.id, { ...entry, owner }]),
    );
    const done = () => ({ ...result, waiting: waiting.size });

    // Photos first: a field-work punch names its photo by the id the upload returns.
    for (const entry of [...waiting.values()]) {
      if (!entry.photo || entry.payload.photo_id) continue;
      const answer = await this.transport.uploadPhoto(entry.photo);
      if (answer.kind === "unanswered") return done();
      if (answer.kind === "rejected") {
        await this.reject(entry, answer.rejection, result);
        waiting.delete(entry.id);
        continue;
      }
      // Stored before the punch is sent: every retry names the same photo, so it stays the same punch.
      const uploaded = { ...entry, payload: { ...entry.payload, photo_id: answer.photoId }, photo: null };
      await this.storage.put(uploaded);
      waiting.set(entry.id, uploaded);
    }

    // Made online a moment ago: counted at the server's time.
    for (const entry of [...waiting.values()].filter((item) => this.isFresh(item))) {
      const outcome = await this.transport.sendOne(this.withSkew(entry, skewMs));
      if (outcome.kind === "unanswered") {
        await this.storage.put({ ...entry, firstTryOnline: false });
        return done();
      }
      await this.settle(entry, outcome, result);
      waiting.delete(entry.id);
    }

    // Everything else at the device's time, in batches.
    const rest = [...waiting.values()];
    for (let start = 0; start < rest.length; start += BATCH_SIZE) {
      const chunk = rest.slice(start, start + BATCH_SIZE);
      const outcomes = await this.transport.sendBatch(chunk.map((entry) => this.withSkew(entry, skewMs)));
      let unanswered = false;
      for (const entry of chunk) {
        const outcome = outcomes.get(entry.id) ?? { kind: "unanswered" };
        if (outcome.kind === "unanswered") {
          unanswered = true;
          continue;
        }
        await this.settle(entry, outcome, result);
        waiting.delete(entry.id);
      }
      if (unanswered) break;
    }
    return done();
  }

  private isFresh(entry: QueuedPunch): boolean {
    const age = this.now() - Date.parse(entry.payload.device_time);
    return entry.firstTryOnline && age >= -FRESH_MS && age <= FRESH_MS;
  }

  private withSkew(entry: QueuedPunch, skewMs: number | null): PunchPayload {
    return { ...entry.payload, clock_skew_ms: entry.payload.clock_skew_ms ?? skewMs };
  }

  private async settle(entry: QueuedPunch, outcome: Exclude<Outcome, { kind: "unanswered" }>, result: FlushResult) {
    if (outcome.kind === "rejected") {
      await this.reject(entry, outcome.rejection, result);
      return;
    }
    await this.storage.remove(entry.id);
    result.synced.push({ entry, punch: outcome.punch, duplicate: outcome.duplicate });
    this.listener.synced?.(entry, outcome.punch, outcome.duplicate);
  }

  private async reject(entry: QueuedPunch, rejection: Rejection, result: FlushResult): Promise<void> {
    const refused: QueuedPunch = { ...entry, state: "rejected", rejection, photo: null };
    await this.storage.put(refused);
    result.rejected.push(refused);
    this.listener.rejected?.(refused);
  }
}
