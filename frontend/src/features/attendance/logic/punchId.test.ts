import { describe, expect, it } from "vitest";

import { uuidv7 } from "./punchId";

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("uuidv7", () => {
  it("is a version 7 UUID whose first 48 bits are the time in ms", () => {
    const id = uuidv7(Date.parse("2026-11-20T01:00:00Z"), new Uint8Array(10).fill(0xff));
    expect(id).toMatch(UUID_V7);
    expect(parseInt(id.replace(/-/g, "").slice(0, 12), 16)).toBe(Date.parse("2026-11-20T01:00:00Z"));
    expect(id.endsWith("-7fff-bfff-ffffffffffff")).toBe(true);
  });

  it("differs every time and sorts by time", () => {
    const ids = [uuidv7(1000), uuidv7(1000), uuidv7(2000)];
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(id).toMatch(UUID_V7);
    expect(ids[2]! > ids[0]! && ids[2]! > ids[1]!).toBe(true);
  });
});
