import { describe, expect, it } from "vitest";

import { bands, labelled, niceMax, scale, stack, ticks } from "./chart";

describe("niceMax", () => {
  it("rounds up to 1, 2 or 5 times a power of ten", () => {
    expect([0, -3, Number.NaN, 0.3, 1, 3, 7, 12, 20, 21, 480, 999].map(niceMax)).toEqual([
      1, 1, 1, 0.5, 1, 5, 10, 20, 20, 50, 500, 1000,
    ]);
  });
});

describe("ticks", () => {
  it("splits the axis evenly from zero", () => {
    expect(ticks(1)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(ticks(50, 5)).toEqual([0, 10, 20, 30, 40, 50]);
    expect(ticks(0.3, 3)).toEqual([0, 0.1, 0.2, 0.3]);
  });
});

describe("scale", () => {
  it("maps values onto a length and clamps outside values", () => {
    const y = scale(20, 100);
    expect([0, 5, 20, 40, -1].map(y)).toEqual([0, 25, 100, 100, 0]);
    expect(scale(0, 100)(5)).toBe(0);
  });
});

describe("bands", () => {
  it("gives each column an equal share with its bar centred", () => {
    expect(bands(4, 200, 0.5)).toEqual([
      { x: 12.5, width: 25 },
      { x: 62.5, width: 25 },
      { x: 112.5, width: 25 },
      { x: 162.5, width: 25 },
    ]);
    expect(bands(0, 200)).toEqual([]);
  });
});

describe("stack", () => {
  it("lays the parts end to end and leaves zeros out", () => {
    const parts = [
      { key: "late", value: 2 },
      { key: "early", value: 0 },
      { key: "missing", value: 3 },
      { key: "absent", value: 5 },
    ];
    expect(stack(parts, scale(20, 200))).toEqual([
      { key: "late", value: 2, start: 0, length: 20 },
      { key: "missing", value: 3, start: 20, length: 30 },
      { key: "absent", value: 5, start: 50, length: 50 },
    ]);
  });
});

describe("labelled", () => {
  it("labels the first column, every nth and the last when it has room", () => {
    expect(labelled(31, 7)).toEqual([0, 7, 14, 21, 28]);
    expect(labelled(30, 7)).toEqual([0, 7, 14, 21, 28]);
    expect(labelled(26, 5)).toEqual([0, 5, 10, 15, 20, 25]);
    expect(labelled(24, 5)).toEqual([0, 5, 10, 15, 20, 23]);
    expect(labelled(3, 1)).toEqual([0, 1, 2]);
    expect(labelled(0, 5)).toEqual([]);
  });
});
