// The approval outbox: every approval action goes out through here with its own Idempotency-Key.
// Online, an action is sent at once; offline (or when the request never got an answer) it waits in
// localStorage and is replayed in the order it was taken when the network is back. The user sees the
// waiting actions, then the server's answer to each; a 409 says the task moved on without us.
//
// Why localStorage and not IndexedDB (Dexie): the outbox holds a handful of small JSON actions per
// user; a synchronous write is on disk before the tap's handler returns, so a tab killed right after
// the tap loses nothing; and signing out (clearClientState) already wipes it with everything else.

export type OutboxAction =
  | "approve"
  | "reject"
  | "return"
  | "transfer"
  | "add_sign"
  | "comment"
  | "cc"
  | "withdraw"
  | "terminate"
  | "urge"
  | "resubmit";

export type OutboxStatus = "queued" | "sending" | "done" | "conflict" | "failed";

export interface OutboxAnswer {
  status: number;
  code: string;
  detail: string;
  /** From a 409: the task's state now (approved, returned…) and the approval's. */
  state?: string;
  instanceStatus?: string;
  body?: unknown;
}

export interface OutboxEntry {
  /** Also the Idempotency-Key: a replay of the same entry can never act twice. */
  id: string;
  action: OutboxAction;
  path: string;
  body: unknown;
  instanceId: string;
  title: string;
  queuedAt: string;
  /** Taken while offline: stays listed with its answer until the user dismisses it. */
  offline: boolean;
  status: OutboxStatus;
  answer?: OutboxAnswer;
}

export interface SendResult {
  status: number;
  body: unknown;
}

/** Sends one entry; throws (anything) when no answer arrived, so the entry stays queued. */
export type Sender = (entry: OutboxEntry) => Promise<SendResult>;

export type OutboxStorage = Pick<Storage, "getItem" | "setItem">;

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

/** What the server said, in the outbox's terms. */
export function answerFrom(result: SendResult): { status: OutboxStatus; answer: OutboxAnswer } {
  const body = (result.body && typeof result.body === "object" ? result.body : {}) as Record<string, unknown>;
  const answer: OutboxAnswer = {
    status: result.status,
    code: text(body.code),
    detail: text(body.detail) || text(body.title),
    body: result.body,
  };
  if (result.status >= 200 && result.status < 300) return { status: "done", answer };
  if (result.status === 409) {
    answer.state = text(body.state) || undefined;
    answer.instanceStatus = text(body.instance_status) || undefined;
    return { status: "conflict", answer };
  }
  return { status: "failed", answer };
}

export class Outbox {
  private list: OutboxEntry[];
  private running: Promise<void> | null = null;
  private readonly finished = new Map<string, (entry: OutboxEntry) => void>();

  constructor(
    private readonly storage: OutboxStorage,
    private readonly key: string,
    private readonly onChange: (entries: readonly OutboxEntry[]) => void = () => undefined,
  ) {
    this.list = this.read();
  }

  private read(): OutboxEntry[] {
    try {
      const parsed = JSON.parse(this.storage.getItem(this.key) ?? "[]") as unknown;
      // An entry caught mid-send by a closed tab is sent again: its key makes that safe.
      return Array.isArray(parsed)
        ? (parsed as OutboxEntry[]).map((entry) => (entry.status === "sending" ? { ...entry, status: "queued" } : entry))
        : [];
    } catch {
      return [];
    }
  }

  private write(): void {
    try {
      this.storage.setItem(this.key, JSON.stringify(this.list));
    } catch {
      // Storage full: the queue still lives in memory until the tab closes.
    }
    this.onChange(this.entries());
  }

  entries(): OutboxEntry[] {
    return this.list.map((entry) => ({ ...entry }));
  }

  get(id: string): OutboxEntry | undefined {
    const found = this.list.find((entry) => entry.id === id);
    return found ? { ...found } : undefined;
  }

  /** Waiting to be sent (queued, or sending right now). */
  pending(): OutboxEntry[] {
    return this.entries().filter((entry) => entry.status === "queued" || entry.status === "sending");
  }

  enqueue(
    entry: Pick<OutboxEntry, "id" | "action" | "path" | "body" | "instanceId" | "title" | "offline">,
    now = new Date(),
  ): OutboxEntry {
    const created: OutboxEntry = { ...entry, queuedAt: now.toISOString(), status: "queued" };
    this.list.push(created);
    this.write();
    return { ...created };
  }

  private update(id: string, change: Partial<OutboxEntry>): void {
    this.list = this.list.map((entry) => (entry.id === id ? { ...entry, ...change } : entry));
    this.write();
  }

  /** An action sent online that got no answer waits (and stays listed) like one taken offline. */
  markOffline(id: string): void {
    this.update(id, { offline: true });
  }

  /** Forgets an answered entry (the user has read its answer), or a queued one (the user changed their mind). */
  dismiss(id: string): void {
    this.list = this.list.filter((entry) => entry.id !== id || entry.status === "sending");
    this.write();
  }

  /**
   * Sends the queued entries one at a time, oldest first. Stops at the first one that gets no
   * answer (still offline); answered ones keep their answer. Concurrent calls share one run.
   */
  replay(send: Sender): Promise<void> {
    this.running ??= this.run(send).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(send: Sender): Promise<void> {
    for (;;) {
      const next = this.list.find((entry) => entry.status === "queued");
      if (!next) return;
      this.update(next.id, { status: "sending" });
      let result: SendResult;
      try {
        result = await send({ ...next, status: "sending" });
      } catch {
        this.update(next.id, { status: "queued" });
        return;
      }
      const { status, answer } = answerFrom(result);
      if (status === "done" && !next.offline) {
        // Sent straight away: the page that sent it shows the answer; nothing to keep.
        this.list = this.list.filter((entry) => entry.id !== next.id);
        this.write();
        this.finished.get(next.id)?.({ ...next, status, answer });
      } else {
        this.update(next.id, { status, answer });
        this.finished.get(next.id)?.({ ...next, status, answer });
      }
      this.finished.delete(next.id);
    }
  }

  /** Resolves with the entry once the server answered it (not when it stays queued). */
  answered(id: string): Promise<OutboxEntry> {
    return new Promise((resolve) => this.finished.set(id, resolve));
  }
}
