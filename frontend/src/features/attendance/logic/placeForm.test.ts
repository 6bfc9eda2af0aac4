import { describe, expect, it } from "vitest";

import { emptyPlace, placeBody, placeProblems } from "./placeForm";

const BEIJING = { name: " 北京研发中心 ", address: "海淀区", latitude: "39.983", longitude: "116.307", radius: "300" };

describe("placeProblems", () => {
  it("finds nothing wrong with a complete place", () => {
    expect(placeProblems(BEIJING)).toEqual({});
  });

  it("needs a name, coordinates on Earth and a radius of 50 to 3000 m", () => {
    expect(placeProblems(emptyPlace())).toEqual({ name: true, latitude: true, longitude: true });
    expect(placeProblems({ ...BEIJING, latitude: "91", longitude: "-181" })).toEqual({ latitude: true, longitude: true });
    expect(placeProblems({ ...BEIJING, latitude: "39,98", longitude: "1e2" })).toEqual({ latitude: true, longitude: true });
    expect(placeProblems({ ...BEIJING, radius: "49" })).toEqual({ radius: true });
    expect(placeProblems({ ...BEIJING, radius: "3001" })).toEqual({ radius: true });
    expect(placeProblems({ ...BEIJING, radius: "100.5" })).toEqual({ radius: true });
    expect(placeProblems({ ...BEIJING, latitude: "-90", longitude: "180", radius: "3000" })).toEqual({});
  });
});

describe("placeBody", () => {
  it("sends WGS-84 decimal strings with six places", () => {
    expect(placeBody(BEIJING)).toEqual({
      name: "北京研发中心",
      address: "海淀区",
      latitude: "39.983000",
      longitude: "116.307000",
      datum: "wgs84",
      radius_m: 300,
    });
  });
});
