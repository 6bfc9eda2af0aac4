// Reconnect delays: exponential growth with "equal jitter", so that a server restart is not met by
// every client reconnecting in the same second, yet no client waits less than half the step.

export interface BackoffOptions {
  baseMs?: number;
  maxMs?: number;
}

/** Delay before reconnect attempt number `attempt` (0 for the first retry). `random` returns [0, 1). */
export function reconnectDelay(attempt: number, random: () => number = Math.random, options: BackoffOptions = {}): number {
  const baseMs = options.baseMs ?? 1_000;
  const maxMs = options.maxMs ?? 30_000;
  const step = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(step / 2 + random() * (step / 2));
}
