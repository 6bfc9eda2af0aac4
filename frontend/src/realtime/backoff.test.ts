import { describe, expect, it } from "vitest";

import { reconnectDelay } from "./backoff";

describe("reconnectDelay", () => {
  it("doubles the step with each attempt", () => {
    const low = () => 0;
    expect([0, 1, 2, 3, 4].map((attempt) => reconnectDelay(attempt, low))).toEqual([500, 1000, 2000, 4000, 8000]);
  });

  it("adds up to half a step of jitter", () => {
    expect(reconnectDelay(0, () => 0.5)).toBe(750);
    expect(reconnectDelay(2, () => 0.999)).toBe(3998);
  });

  it("never waits longer than the maximum", () => {
    expect(reconnectDelay(20, () => 0.999)).toBe(29985);
    expect(reconnectDelay(100, () => 0)).toBe(15000);
    expect(reconnectDelay(3, () => 1, { baseMs: 100, maxMs: 500 })).toBe(500);
  });
});
