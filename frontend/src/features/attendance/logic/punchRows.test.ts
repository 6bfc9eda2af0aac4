import { describe, expect, it } from "vitest";

import type { Punch } from "../types";
import { punchRows, withPunch } from "./punchRows";
import type { QueuedPunch } from "./storage";

function recorded(id: string, at: string, extra: Partial<Punch> = {}): Punch {
  return {
    id,
    punched_at: at,
    received_at: at,
    source: "online",
    status: "accepted",
    review_reasons: [],
    place: { id: "bj", name: "北京研发中心", address: "", latitude: "39.983000", longitude: "116.307000", radius_m: 300 },
    distance_m: 100,
    wifi: null,
    field_work: false,
    remark: "",
    ...extra,
  };
}

function queued(id: string, at: string, extra: Partial<QueuedPunch> = {}): QueuedPunch {
  return {
    id,
    owner: "u",
    payload: { id, device_time: at, datum: "wgs84", field_work: false, remark: "" },
    photo: null,
    firstTryOnline: false,
    state: "pending",
    rejection: null,
    placeName: "北京研发中心",
    ...extra,
  };
}

describe("punchRows", () => {
  it("lists recorded, waiting and refused punches in the order they were made", () => {
    const rows = punchRows(
      [
        recorded("r2", "2026-11-20T10:00:00Z", { status: "needs_review", review_reasons: ["clock_skew_too_large"] }),
        recorded("r1", "2026-11-20T01:00:00Z"),
      ],
      [
        queued("q1", "2026-11-20T11:00:00Z"),
        queued("q0", "2026-11-20T09:00:00Z", {
          state: "rejected",
          rejection: { code: "outside_places", message: "", details: { distance_m: 1200 } },
          placeName: null,
          payload: { id: "q0", device_time: "2026-11-20T09:00:00Z", datum: "wgs84", field_work: true, remark: "x" },
        }),
      ],
    );
    expect(rows.map((row) => [row.id, row.state, row.placeName, row.fieldWork])).toEqual([
      ["r1", "accepted", "北京研发中心", false],
      ["q0", "rejected", null, true],
      ["r2", "needs_review", "北京研发中心", false],
      ["q1", "pending", "北京研发中心", false],
    ]);
    expect(rows[1]?.rejection?.code).toBe("outside_places");
    expect(rows[2]?.reviewReasons).toEqual(["clock_skew_too_large"]);
  });

  it("shows a punch once when it is both recorded and still in the queue", () => {
    const rows = punchRows([recorded("p", "2026-11-20T01:00:00Z")], [queued("p", "2026-11-20T01:00:00Z")]);
    expect(rows.map((row) => [row.id, row.state])).toEqual([["p", "accepted"]]);
  });

  it("says a field-work punch has no place", () => {
    const [row] = punchRows([recorded("f", "2026-11-20T01:00:00Z", { place: null, field_work: true })], []);
    expect([row?.placeName, row?.fieldWork]).toEqual([null, true]);
  });

  it("names the Wi-Fi network of a punch made on the group's Wi-Fi", () => {
    const wifi = { id: "w1", name: "三楼", ssid: "Officium", bssid: "aa:bb:cc:dd:ee:01" };
    const [row] = punchRows([recorded("w", "2026-11-20T01:00:00Z", { place: null, distance_m: null, wifi })], []);
    expect([row?.placeName, row?.fieldWork]).toEqual(["三楼", false]);
  });
});

describe("withPunch", () => {
  it("adds a punch in time order, replacing one with the same id", () => {
    const list = [recorded("a", "2026-11-20T01:00:00Z"), recorded("c", "2026-11-20T03:00:00Z")];
    const added = withPunch(list, recorded("b", "2026-11-20T02:00:00Z"));
    expect(added.map((punch) => punch.id)).toEqual(["a", "b", "c"]);
    const replaced = withPunch(added, recorded("b", "2026-11-20T02:00:00Z", { status: "needs_review" }));
    expect(replaced.map((punch) => [punch.id, punch.status])).toEqual([
      ["a", "accepted"],
      ["b", "needs_review"],
      ["c", "accepted"],
    ]);
  });
});
