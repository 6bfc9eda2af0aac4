import { describe, expect, it } from "vitest";

import type { Punch, Today } from "../types";
import { currentDay, punchesOfToday, snapshotOf, withRecordedPunch } from "./snapshot";

// Only what the snapshot reads (today's shift slots and the rest are the server's business).
const TODAY = {
  server_time: "2026-11-20T09:00:00+08:00",
  day: "2026-11-20",
  group: null,
  group_id: null,
  group_name: null,
  rules_version: "none",
  places: [],
  punches: [],
  consents: [],
} as Partial<Today> as Today;

function punch(id: string, at: string): Punch {
  return { id, punched_at: at, received_at: at, source: "online", status: "accepted", review_reasons: [], place: null, distance_m: null, wifi: null, field_work: false, remark: "" };
}

describe("snapshotOf", () => {
  it("measures the clock skew from the answer's server time", () => {
    const snapshot = snapshotOf(TODAY, Date.parse("2026-11-20T01:00:03Z"), "u", "Asia/Shanghai");
    expect(snapshot).toMatchObject({ owner: "u", timeZone: "Asia/Shanghai", skewMs: 3000 });
  });
});

describe("currentDay and punchesOfToday", () => {
  const snapshot = { ...snapshotOf(TODAY, Date.parse("2026-11-20T01:00:00Z"), "u", "Asia/Shanghai") };

  it("is the server's day where the organisation is", () => {
    expect(currentDay(snapshot, undefined, Date.parse("2026-11-20T15:59:59Z"))).toBe("2026-11-20");
    expect(currentDay(snapshot, undefined, Date.parse("2026-11-20T16:00:00Z"))).toBe("2026-11-21");
  });

  it("corrects a device clock that runs ahead", () => {
    const fast = { ...snapshot, skewMs: 120_000 };
    expect(currentDay(fast, undefined, Date.parse("2026-11-20T16:01:00Z"))).toBe("2026-11-20");
  });

  it("forgets yesterday's punches", () => {
    const withOne = { ...snapshot, today: { ...TODAY, punches: [punch("a", "2026-11-20T01:00:00Z")] } };
    expect(punchesOfToday(withOne, "2026-11-20")).toHaveLength(1);
    expect(punchesOfToday(withOne, "2026-11-21")).toEqual([]);
    expect(punchesOfToday(null, "2026-11-21")).toEqual([]);
  });
});

describe("withRecordedPunch", () => {
  const snapshot = snapshotOf(TODAY, Date.parse("2026-11-20T01:00:00Z"), "u", "Asia/Shanghai");

  it("adds a punch of the snapshot's day", () => {
    const added = withRecordedPunch(snapshot, punch("a", "2026-11-20T01:00:00Z"));
    expect(added.today.punches.map((p) => p.id)).toEqual(["a"]);
    expect(snapshot.today.punches).toEqual([]);
  });

  it("leaves out a punch of another day (an offline one sent late)", () => {
    expect(withRecordedPunch(snapshot, punch("b", "2026-11-19T15:00:00Z")).today.punches).toEqual([]);
  });
});
