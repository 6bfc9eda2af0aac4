import { describe, expect, it } from "vitest";

import type { Delegation } from "./api";
import { canEnd, delegationState, split } from "./delegations";

function delegation(overrides: Partial<Delegation>): Delegation {
  return {
    id: "d1",
    given: true,
    delegator: { id: "e1", name: "李娜" },
    delegate: { id: "e2", name: "张伟" },
    template_id: null,
    template_name: null,
    starts_at: "2026-12-01T09:00:00+08:00",
    ends_at: "2026-12-08T09:00:00+08:00",
    revoked_at: null,
    ...overrides,
  };
}

describe("delegationState", () => {
  const running = delegation({});

  it("is scheduled before it starts, active while it runs, ended after", () => {
    expect(delegationState(running, new Date("2026-12-01T08:59:59+08:00"))).toBe("scheduled");
    expect(delegationState(running, new Date("2026-12-01T09:00:00+08:00"))).toBe("active");
    expect(delegationState(running, new Date("2026-12-08T09:00:00+08:00"))).toBe("ended");
  });

  it("is revoked once ended by hand, whatever the date", () => {
    const revoked = delegation({ revoked_at: "2026-12-02T10:00:00+08:00" });
    expect(delegationState(revoked, new Date("2026-12-03T00:00:00+08:00"))).toBe("revoked");
    expect(canEnd(revoked, new Date("2026-12-03T00:00:00+08:00"))).toBe(false);
  });

  it("can be ended while scheduled or active, not after", () => {
    expect(canEnd(running, new Date("2026-11-30T00:00:00+08:00"))).toBe(true);
    expect(canEnd(running, new Date("2026-12-05T00:00:00+08:00"))).toBe(true);
    expect(canEnd(running, new Date("2026-12-09T00:00:00+08:00"))).toBe(false);
  });
});

describe("split", () => {
  it("separates what I gave from what I received", () => {
    const given = delegation({ id: "a" });
    const received = delegation({ id: "b", given: false });
    expect(split([given, received])).toEqual({ given: [given], received: [received] });
  });
});
