import { describe, expect, it } from "vitest";

import { badgeText } from "./store";

describe("badgeText", () => {
  it("shows nothing for none, the number up to 99, then 99+", () => {
    expect([0, -1, 1, 99, 100].map(badgeText)).toEqual([undefined, undefined, "1", "99", "99+"]);
  });
});
