import { createPinia, setActivePinia } from "pinia";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import type * as http from "@/api/http";
import { officiumFetch } from "@/api/http";
import { ApiError } from "@/api/problem";
import type { Me } from "@/api/types";
import { useMeStore } from "@/features/me/store";
import { installNetworkListeners } from "@/offline/network";

import { fetchToday, setConsent } from "./api";
import { dayIn } from "./logic/clock";
import { usePunchStore, type NewPunch } from "./store";
import type { Punch, Today } from "./types";

vi.mock("./api", () => ({ fetchToday: vi.fn(), setConsent: vi.fn() }));
vi.mock("@/api/http", async (importOriginal) => ({
  ...(await importOriginal<typeof http>()),
  officiumFetch: vi.fn(),
}));

const TIME_ZONE = "Asia/Shanghai";
const BEIJING = { id: "bj", name: "北京研发中心", address: "", latitude: "39.983000", longitude: "116.307000", radius_m: 300 };

// Only what the punch screen reads: the group's shift and calendar settings are not its business.
function todayAnswer(): Today {
  const now = new Date();
  return {
    server_time: now.toISOString(),
    day: dayIn(now, TIME_ZONE),
    group: {
      field_work: "allowed",
      field_work_photo_required: true,
      field_work_remark_required: true,
      offline_max_skew_seconds: 120,
      offline_max_queued_hours: 24,
    },
    group_id: "g1",
    group_name: "集团考勤",
    rules_version: "g1:1",
    places: [BEIJING],
    punches: [],
    consents: [],
  } as unknown as Today;
}

/** Today after one punch at 09:00 against a 09:00–18:00 shift. */
function judgedDay(): Today["today"] {
  const day = dayIn(new Date(), TIME_ZONE);
  const at = (time: string) => `${day}T${time}:00+08:00`;
  return {
    day,
    status: "pending",
    late_minutes: 0,
    early_minutes: 0,
    slots: [
      { kind: "on", expected_at: at("09:00"), window_start: at("07:00"), window_end: at("13:30"), result: "on_time", punch_id: "p1", punched_at: at("09:00"), minutes: 0, made_up: false, leave_type: "", forgiven: false },
      { kind: "off", expected_at: at("18:00"), window_start: at("13:30"), window_end: at("22:00"), result: "pending", punch_id: null, punched_at: null, minutes: 0, made_up: false, leave_type: "", forgiven: false },
    ],
  };
}

function recorded(id: string, source: Punch["source"]): Punch {
  const now = new Date().toISOString();
  return { id, punched_at: now, received_at: now, source, status: "accepted", review_reasons: [], place: BEIJING, distance_m: 100, wifi: null, field_work: false, remark: "" };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

function newPunch(id: string): NewPunch {
  return {
    id,
    deviceTime: new Date(),
    fix: { latitude: 39.9839, longitude: 116.307, accuracyM: 20.4, atMs: Date.now() },
    fieldWork: false,
    remark: "",
    photo: null,
    wifi: null,
    placeName: "北京研发中心",
  };
}

function goOffline(offline: boolean): void {
  window.dispatchEvent(new Event(offline ? "offline" : "online"));
}

beforeAll(() => installNetworkListeners(window));

beforeEach(() => {
  setActivePinia(createPinia());
  vi.mocked(officiumFetch).mockReset();
  vi.mocked(fetchToday).mockReset();
  vi.mocked(setConsent).mockReset();
  goOffline(false);
  const me = useMeStore();
  me.me = { id: "user-lina", time_zone: TIME_ZONE } as Me;
  me.status = "authenticated";
});

describe("the punch store", () => {
  it("sends a punch made online to /punches at once, adds the recorded punch to today's and asks for today again", async () => {
    vi.mocked(fetchToday)
      .mockResolvedValueOnce({ ...todayAnswer(), consents: ["location"] })
      .mockResolvedValue({ ...todayAnswer(), consents: ["location"], punches: [recorded("p1", "online")], today: judgedDay() });
    vi.mocked(officiumFetch).mockImplementation(async (input) =>
      String(input).endsWith("/punches") ? json(201, { ...recorded("p1", "online"), duplicate: false }) : json(404, {}),
    );
    const store = usePunchStore();
    await store.loadToday();

    await store.record(newPunch("p1"));
    await vi.waitFor(() => expect(store.pending).toHaveLength(0));

    const [path, init] = vi.mocked(officiumFetch).mock.calls[0]!;
    expect(path).toBe("/api/v1/attendance/punches");
    expect(JSON.parse(String(init?.body))).toMatchObject({
      id: "p1",
      latitude: "39.983900",
      longitude: "116.307000",
      accuracy_m: 20,
      datum: "wgs84",
      field_work: false,
    });
    expect(store.snapshot?.today.punches.map((punch) => punch.id)).toEqual(["p1"]);
    expect(store.entries).toEqual([]);
    // The server judged the punch against the shift: today's slots come with the next answer.
    await vi.waitFor(() => expect(store.snapshot?.today.today.slots[0]?.result).toBe("on_time"));
    expect(fetchToday).toHaveBeenCalledTimes(2);
  });

  it("sends the Wi-Fi the host reported with the punch, and keeps the group's networks in the rules", async () => {
    const network = { id: "w1", name: "三楼", ssid: "Officium", bssid: "aa:bb:cc:dd:ee:01" };
    vi.mocked(fetchToday).mockResolvedValue({ ...todayAnswer(), wifi_networks: [network] });
    vi.mocked(officiumFetch).mockImplementation(async (input) =>
      String(input).endsWith("/punches") ? json(201, { ...recorded("p9", "online"), wifi: network, duplicate: false }) : json(404, {}),
    );
    const store = usePunchStore();
    await store.loadToday();
    expect(store.snapshot?.today.wifi_networks).toEqual([network]);

    await store.record({ ...newPunch("p9"), fix: null, wifi: { ssid: "Officium", bssid: "aa:bb:cc:dd:ee:01" }, placeName: "三楼" });
    await vi.waitFor(() => expect(store.pending).toHaveLength(0));

    const [, init] = vi.mocked(officiumFetch).mock.calls[0]!;
    expect(JSON.parse(String(init?.body))).toMatchObject({
      id: "p9",
      latitude: null,
      wifi: { ssid: "Officium", bssid: "aa:bb:cc:dd:ee:01" },
    });
  });

  it("keeps a punch made offline, with a consent given offline, and sends both when back online", async () => {
    vi.mocked(fetchToday).mockResolvedValue(todayAnswer());
    const store = usePunchStore();
    await store.loadToday();
    goOffline(true);
    vi.mocked(setConsent).mockRejectedValue(ApiError.network());

    await store.grantConsent("location");
    expect(store.consents.has("location")).toBe(true);
    const entry = await store.record(newPunch("p2"));
    await store.flush();

    expect(entry.firstTryOnline).toBe(false);
    expect(store.pending.map((item) => item.id)).toEqual(["p2"]);
    expect(officiumFetch).not.toHaveBeenCalled();

    // Back online: the consent goes first, then the punch through the batch with its own time.
    vi.mocked(setConsent).mockResolvedValue(["location"]);
    vi.mocked(officiumFetch).mockResolvedValue(
      json(200, [{ id: "p2", result: "created", punch: recorded("p2", "offline"), code: "", message: "", details: {} }]),
    );
    vi.mocked(fetchToday).mockResolvedValue({ ...todayAnswer(), consents: ["location"], punches: [recorded("p2", "offline")] });
    goOffline(false);
    await store.flush();

    expect(setConsent).toHaveBeenLastCalledWith("location", true);
    const [path, init] = vi.mocked(officiumFetch).mock.calls[0]!;
    expect(path).toBe("/api/v1/attendance/punches/batch");
    const sent = JSON.parse(String(init?.body)) as { punches: { id: string; device_time: string; clock_skew_ms: number }[] };
    expect(sent.punches.map((punch) => [punch.id, punch.device_time])).toEqual([["p2", entry.payload.device_time]]);
    expect(typeof sent.punches[0]?.clock_skew_ms).toBe("number");
    expect(store.pending).toEqual([]);
    expect(store.snapshot?.today.consents).toEqual(["location"]);
  });

  it("does not send the punches while the consent given offline cannot be delivered", async () => {
    vi.mocked(fetchToday).mockResolvedValue(todayAnswer());
    const store = usePunchStore();
    await store.loadToday();
    vi.mocked(setConsent).mockRejectedValue(ApiError.network());
    await store.grantConsent("location");
    goOffline(true);
    await store.record(newPunch("p3"));
    goOffline(false);

    await store.flush();

    expect(officiumFetch).not.toHaveBeenCalled();
    expect(store.pending.map((item) => item.id)).toEqual(["p3"]);
  });
});
