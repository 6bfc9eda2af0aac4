import { describe, expect, it } from "vitest";

import { makeUpTemplateId, makeUpValues } from "./makeUp";

describe("makeUpValues", () => {
  it("asks for the slot's expected time, as an on (in) or off (out) punch", () => {
    expect(makeUpValues({ kind: "on", expected_at: "2026-11-20T09:00:00+08:00" })).toEqual({
      punch_at: "2026-11-20T09:00:00+08:00",
      punch_kind: "in",
    });
    expect(makeUpValues({ kind: "off", expected_at: "2026-11-20T18:00:00+08:00" }).punch_kind).toBe("out");
  });
});

describe("makeUpTemplateId", () => {
  it("finds the built-in make-up template among those one may submit", () => {
    const available = [
      { id: "t1", key: "leave" },
      { id: "t2", key: "make_up_punch" },
    ];
    expect(makeUpTemplateId(available)).toBe("t2");
    expect(makeUpTemplateId(available.slice(0, 1))).toBeNull();
  });
});
