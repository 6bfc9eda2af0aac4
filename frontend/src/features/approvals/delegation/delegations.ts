// What a delegation is at a given moment, and the split between those I gave and those I received.
import type { Delegation } from "./api";

export type DelegationState = "scheduled" | "active" | "ended" | "revoked";

export function delegationState(delegation: Delegation, now: Date): DelegationState {
  if (delegation.revoked_at) return "revoked";
  if (now < new Date(delegation.starts_at)) return "scheduled";
  return now < new Date(delegation.ends_at) ? "active" : "ended";
}

/** Whether it can still be ended (it has not ended, been ended, or run out). */
export function canEnd(delegation: Delegation, now: Date): boolean {
  const state = delegationState(delegation, now);
  return state === "scheduled" || state === "active";
}

export function split(delegations: Delegation[]): { given: Delegation[]; received: Delegation[] } {
  return { given: delegations.filter((d) => d.given), received: delegations.filter((d) => !d.given) };
}
