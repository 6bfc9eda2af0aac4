import { describe, expect, it } from "vitest";

import { distanceM, formatDistance, nearestPlace } from "./geo";

const BEIJING = { id: "bj", name: "北京研发中心", latitude: "39.983000", longitude: "116.307000", radius_m: 300 };
const SHANGHAI = { id: "sh", name: "上海总部", latitude: "31.230416", longitude: "121.473701", radius_m: 300 };

describe("distanceM", () => {
  it("is zero for the same point", () => {
    expect(distanceM({ latitude: 39.983, longitude: 116.307 }, { latitude: 39.983, longitude: 116.307 })).toBe(0);
  });

  it("measures 0.0009° of latitude as about 100 m", () => {
    const d = distanceM({ latitude: 39.9839, longitude: 116.307 }, { latitude: 39.983, longitude: 116.307 });
    expect(d).toBeGreaterThan(99);
    expect(d).toBeLessThan(101);
  });

  it("gives the server's figure for Beijing to Shanghai (1,079,006.55 m), the same either way", () => {
    const bj = { latitude: 39.983, longitude: 116.307 };
    const sh = { latitude: 31.230416, longitude: 121.473701 };
    expect(distanceM(bj, sh)).toBeCloseTo(1_079_006.55, 1);
    expect(distanceM(sh, bj)).toBeCloseTo(distanceM(bj, sh), 6);
  });

  it("stays finite for antipodal points", () => {
    expect(distanceM({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 180 })).toBeCloseTo(Math.PI * 6_371_008.8, 0);
  });
});

describe("nearestPlace", () => {
  it("says which place's fence the point is in", () => {
    const found = nearestPlace([SHANGHAI, BEIJING], { latitude: 39.9839, longitude: 116.307 });
    expect(found?.place.id).toBe("bj");
    expect(found?.inRange).toBe(true);
    expect(found?.distanceM).toBeCloseTo(100, 0);
  });

  it("gives the nearest place and its distance when outside every fence", () => {
    const found = nearestPlace([BEIJING, SHANGHAI], { latitude: 39.994, longitude: 116.307 });
    expect(found?.place.id).toBe("bj");
    expect(found?.inRange).toBe(false);
    expect(Math.round(found?.distanceM ?? 0)).toBe(1223);
  });

  it("counts the fence's edge as inside", () => {
    const here = { latitude: 39.9839, longitude: 116.307 };
    const edge = { ...BEIJING, radius_m: Math.ceil(distanceM(here, { latitude: 39.983, longitude: 116.307 })) };
    expect(nearestPlace([edge], here)?.inRange).toBe(true);
  });

  it("prefers a place whose fence contains the point over a nearer one whose fence does not", () => {
    const small = { id: "small", name: "Small", latitude: "39.983900", longitude: "116.307500", radius_m: 10 };
    const wide = { id: "wide", name: "Wide", latitude: "39.983000", longitude: "116.307000", radius_m: 500 };
    const found = nearestPlace([small, wide], { latitude: 39.9839, longitude: 116.307 });
    expect(found?.place.id).toBe("wide");
    expect(found?.inRange).toBe(true);
  });

  it("is null without places, and skips unreadable coordinates", () => {
    expect(nearestPlace([], { latitude: 1, longitude: 1 })).toBeNull();
    expect(nearestPlace([{ ...BEIJING, latitude: "?" }], { latitude: 1, longitude: 1 })).toBeNull();
  });
});

describe("formatDistance", () => {
  it.each([
    [0, "0 m"],
    [349.6, "350 m"],
    [999.4, "999 m"],
    [1000, "1.0 km"],
    [1234, "1.2 km"],
    [9_960, "10.0 km"],
    [12_345, "12 km"],
  ])("%d m → %s", (metres, text) => {
    expect(formatDistance(metres)).toBe(text);
  });
});
