import { describe, expect, it, vi } from "vitest";

import type { Punch } from "../types";
import { FRESH_MS, PunchQueue } from "./queue";
import { MemoryPunchStorage, type QueuedPunch } from "./storage";
import { createTransport, type FetchLike } from "./transport";

const NOW = Date.parse("2026-11-20T01:00:00Z");
const OWNER = "user-lina";

interface SentRequest {
  path: string;
  body: unknown;
}

type Reply = Response | Error;

/** A fake server: answers each request with the next reply for its path, and records what was sent. */
function fakeServer(replies: Record<string, Reply[] | ((body: unknown) => Reply)>) {
  const sent: SentRequest[] = [];
  const fetchLike: FetchLike = async (input, init) => {
    const path = input.replace("/api/v1/attendance", "");
    const body = typeof init.body === "string" ? (JSON.parse(init.body) as unknown) : init.body;
    sent.push({ path, body });
    const source = replies[path];
    const reply = typeof source === "function" ? source(body) : source?.shift();
    if (!reply) throw new Error(`unexpected request to ${path}`);
    if (reply instanceof Error) throw reply;
    return reply;
  };
  return { fetchLike, sent };
}

function json(status: number, body: unknown): Response {
  const type = status >= 400 ? "application/problem+json" : "application/json";
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": type } });
}

function punchOut(id: string, extra: Partial<Punch> = {}): Punch {
  return {
    id,
    punched_at: "2026-11-20T01:00:00Z",
    received_at: "2026-11-20T01:00:00Z",
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

function entry(id: string, change: Partial<QueuedPunch> = {}, ageMs = 1000): QueuedPunch {
  return {
    id,
    owner: OWNER,
    payload: {
      id,
      device_time: new Date(NOW - ageMs).toISOString(),
      latitude: "39.983900",
      longitude: "116.307000",
      accuracy_m: 20,
      datum: "wgs84",
      field_work: false,
      remark: "",
      photo_id: null,
      clock_skew_ms: 250,
    },
    photo: null,
    firstTryOnline: true,
    state: "pending",
    rejection: null,
    placeName: "北京研发中心",
    ...change,
  };
}

function setUp(replies: Parameters<typeof fakeServer>[0]) {
  const storage = new MemoryPunchStorage();
  const server = fakeServer(replies);
  const listener = { synced: vi.fn(), rejected: vi.fn() };
  const queue = new PunchQueue(storage, createTransport(server.fetchLike), listener, () => NOW);
  const flush = () => queue.flush({ owner: OWNER, skewMs: 400 });
  return { storage, queue, flush, listener, sent: server.sent };
}

describe("a punch made online", () => {
  it("is sent alone to /punches and leaves the queue once recorded (201)", async () => {
    const { queue, flush, listener, sent } = setUp({ "/punches": [json(201, { ...punchOut("p1"), duplicate: false })] });
    await queue.add(entry("p1"));

    const result = await flush();

    expect(sent).toEqual([{ path: "/punches", body: entry("p1").payload }]);
    expect(result.synced.map((item) => [item.entry.id, item.duplicate, item.punch.place?.name])).toEqual([
      ["p1", false, "北京研发中心"],
    ]);
    expect(result.waiting).toBe(0);
    expect(await queue.entries()).toEqual([]);
    expect(listener.synced).toHaveBeenCalledOnce();
    expect(listener.synced.mock.calls[0]?.[1]).not.toHaveProperty("duplicate");
  });

  it("counts an id the server already recorded (200, duplicate) as success", async () => {
    const { queue, flush } = setUp({ "/punches": [json(200, { ...punchOut("p1"), duplicate: true })] });
    await queue.add(entry("p1"));

    const result = await flush();

    expect(result.synced.map((item) => item.duplicate)).toEqual([true]);
    expect(await queue.entries()).toEqual([]);
  });

  it("is kept as rejected with the server's reason (422) and is not sent again", async () => {
    const problem = { type: "x", title: "The punch was not recorded", status: 422, code: "outside_places", detail: "Not at a place.", distance_m: 1223 };
    const { queue, flush, listener, sent } = setUp({ "/punches": [json(422, problem)] });
    await queue.add(entry("p1"));

    const result = await flush();

    const [stored] = await queue.entries();
    expect(stored?.state).toBe("rejected");
    expect(stored?.rejection).toEqual({ code: "outside_places", message: "Not at a place.", details: { distance_m: 1223 } });
    expect(result.rejected.map((item) => item.id)).toEqual(["p1"]);
    expect(listener.rejected).toHaveBeenCalledOnce();

    await flush();
    expect(sent).toHaveLength(1);
    await queue.dismiss("p1");
    expect(await queue.entries()).toEqual([]);
  });

  it("is rejected when its id was used for another punch (409)", async () => {
    const { queue, flush } = setUp({ "/punches": [json(409, { status: 409, code: "punch_id_reused", detail: "Reused." })] });
    await queue.add(entry("p1"));

    await flush();

    expect((await queue.entries())[0]?.rejection?.code).toBe("punch_id_reused");
  });

  it("stays queued without an answer, then goes through /batch with the same id and device time", async () => {
    const { queue, flush, sent } = setUp({
      "/punches": [new TypeError("Failed to fetch")],
      "/punches/batch": [
        new TypeError("Failed to fetch"),
        json(200, [{ id: "p1", result: "duplicate", punch: punchOut("p1"), code: "", message: "", details: {} }]),
      ],
    });
    await queue.add(entry("p1"));

    expect((await flush()).waiting).toBe(1);
    expect((await queue.entries()).map((item) => [item.id, item.state])).toEqual([["p1", "pending"]]);
    expect((await flush()).waiting).toBe(1);
    const result = await flush();

    expect(result.synced.map((item) => item.entry.id)).toEqual(["p1"]);
    expect(await queue.entries()).toEqual([]);
    expect(sent.map((request) => request.path)).toEqual(["/punches", "/punches/batch", "/punches/batch"]);
    const original = entry("p1").payload;
    expect(sent[1]?.body).toEqual({ punches: [original] });
    expect(sent[2]?.body).toEqual(sent[1]?.body);
  });

  it.each([500, 502, 503, 401, 429])("stays queued after a %i", async (status) => {
    const { queue, flush } = setUp({ "/punches": [json(status, { status, code: "whatever" })] });
    await queue.add(entry("p1"));

    const result = await flush();

    expect(result).toMatchObject({ synced: [], rejected: [], waiting: 1 });
    expect((await queue.entries())[0]?.state).toBe("pending");
  });

  it("goes through /batch when the app could not send it within a minute of the press", async () => {
    const { queue, flush, sent } = setUp({
      "/punches/batch": [json(200, [{ id: "p1", result: "created", punch: punchOut("p1"), code: "", message: "", details: {} }])],
    });
    await queue.add(entry("p1", {}, FRESH_MS + 1));

    await flush();

    expect(sent.map((request) => request.path)).toEqual(["/punches/batch"]);
  });
});

describe("punches made offline", () => {
  it("are flushed in one batch with the device time and the clock skew, each answered on its own", async () => {
    const { queue, flush, sent } = setUp({
      "/punches/batch": [
        json(200, [
          { id: "a", result: "created", punch: punchOut("a", { source: "offline" }), code: "", message: "", details: {} },
          { id: "b", result: "duplicate", punch: punchOut("b", { source: "offline" }), code: "", message: "", details: {} },
          { id: "c", result: "rejected", punch: null, code: "too_old", message: "Too old.", details: {} },
        ]),
      ],
    });
    // Added out of order; "b" was made before any clock skew was known.
    await queue.add(entry("c", { firstTryOnline: false }, 3000));
    await queue.add(entry("a", { firstTryOnline: false }, 5000));
    const b = entry("b", { firstTryOnline: false }, 4000);
    await queue.add({ ...b, payload: { ...b.payload, clock_skew_ms: null } });

    const result = await flush();

    expect(sent).toHaveLength(1);
    const body = sent[0]?.body as { punches: { id: string; device_time: string; clock_skew_ms: number }[] };
    expect(body.punches.map((p) => [p.id, p.device_time, p.clock_skew_ms])).toEqual([
      ["a", new Date(NOW - 5000).toISOString(), 250],
      ["b", new Date(NOW - 4000).toISOString(), 400],
      ["c", new Date(NOW - 3000).toISOString(), 250],
    ]);
    expect(result.synced.map((item) => [item.entry.id, item.duplicate])).toEqual([
      ["a", false],
      ["b", true],
    ]);
    expect((await queue.entries()).map((item) => [item.id, item.state, item.rejection?.code])).toEqual([
      ["c", "rejected", "too_old"],
    ]);
  });

  it("stay queued when the batch gets no answer, and ids the answer leaves out stay too", async () => {
    const { queue, flush } = setUp({
      "/punches/batch": [
        new TypeError("offline"),
        json(200, [{ id: "a", result: "created", punch: punchOut("a"), code: "", message: "", details: {} }]),
      ],
    });
    await queue.add(entry("a", { firstTryOnline: false }, 5000));
    await queue.add(entry("b", { firstTryOnline: false }, 4000));

    expect((await flush()).waiting).toBe(2);
    expect((await flush()).waiting).toBe(1);
    expect((await queue.entries()).map((item) => [item.id, item.state])).toEqual([["b", "pending"]]);
  });

  it("are sent one by one when the batch as a whole is refused, to find the one at fault", async () => {
    const { queue, flush, sent } = setUp({
      "/punches/batch": (body) => {
        const [only, ...others] = (body as { punches: { id: string }[] }).punches;
        if (others.length) return json(422, { status: 422, code: "validation_error" });
        if (only?.id === "bad") return json(422, { status: 422, code: "validation_error", detail: "Malformed." });
        return json(200, [{ id: only?.id, result: "created", punch: punchOut(only?.id ?? ""), code: "", message: "", details: {} }]);
      },
    });
    await queue.add(entry("good", { firstTryOnline: false }, 5000));
    await queue.add(entry("bad", { firstTryOnline: false }, 4000));

    const result = await flush();

    expect(sent).toHaveLength(3);
    expect(result.synced.map((item) => item.entry.id)).toEqual(["good"]);
    expect(result.rejected.map((item) => [item.id, item.rejection?.code])).toEqual([["bad", "validation_error"]]);
  });

  it("of another account on this browser are left alone", async () => {
    const { queue, flush, sent } = setUp({});
    await queue.add(entry("theirs", { owner: "someone-else", firstTryOnline: false }));

    expect((await flush()).waiting).toBe(0);
    expect(sent).toEqual([]);
    expect(await queue.entries()).toHaveLength(1);
  });
});

describe("a field-work punch with a photo", () => {
  it("uploads the photo first, keeps its id for every retry and never uploads it twice", async () => {
    const { queue, flush, sent } = setUp({
      "/photos": [json(201, { id: "photo-1", size: 3, content_type: "image/jpeg" })],
      "/punches": [json(503, { status: 503, code: "server_error" })],
      "/punches/batch": [
        json(200, [{ id: "f1", result: "created", punch: punchOut("f1", { field_work: true, place: null }), code: "", message: "", details: {} }]),
      ],
    });
    const photo = new Blob(["jpg"], { type: "image/jpeg" });
    const made = entry("f1", { photo, placeName: null });
    await queue.add({ ...made, payload: { ...made.payload, field_work: true, remark: "客户现场" } });

    await flush();
    const [waiting] = await queue.entries();
    expect(waiting?.payload.photo_id).toBe("photo-1");
    expect(waiting?.photo).toBeNull();
    await flush();

    expect(sent.map((request) => request.path)).toEqual(["/photos", "/punches", "/punches/batch"]);
    expect(sent[0]?.body).toBeInstanceOf(FormData);
    expect(sent[1]?.body).toMatchObject({ id: "f1", field_work: true, photo_id: "photo-1", remark: "客户现场" });
    expect((sent[2]?.body as { punches: unknown[] }).punches[0]).toMatchObject({ id: "f1", photo_id: "photo-1" });
    expect(await queue.entries()).toEqual([]);
  });

  it("is rejected when the photo is refused", async () => {
    const { queue, flush, sent } = setUp({
      "/photos": [json(422, { status: 422, code: "invalid_photo_type", detail: "Not an image." })],
    });
    await queue.add(entry("f1", { photo: new Blob(["x"], { type: "text/plain" }) }));

    await flush();

    expect(sent).toHaveLength(1);
    const [refused] = await queue.entries();
    expect([refused?.state, refused?.rejection?.code, refused?.photo]).toEqual(["rejected", "invalid_photo_type", null]);
  });

  it("waits, photo and all, while the upload gets no answer", async () => {
    const { queue, flush } = setUp({ "/photos": [new TypeError("offline")] });
    const photo = new Blob(["jpg"], { type: "image/jpeg" });
    await queue.add(entry("f1", { photo }));

    expect((await flush()).waiting).toBe(1);
    expect((await queue.entries())[0]?.photo).toBe(photo);
  });
});

describe("flushing", () => {
  it("runs once at a time; a punch added meanwhile is sent by the flush that follows", async () => {
    let release: (response: Response) => void = () => undefined;
    const first = new Promise<Response>((resolve) => (release = resolve));
    const storage = new MemoryPunchStorage();
    const sent: string[] = [];
    const transport = createTransport(async (_input, init) => {
      const { id } = JSON.parse(String(init.body)) as { id: string };
      sent.push(id);
      return id === "p1" ? first : json(201, { ...punchOut(id), duplicate: false });
    });
    const queue = new PunchQueue(storage, transport, {}, () => NOW);
    await queue.add(entry("p1"));

    const one = queue.flush({ owner: OWNER, skewMs: 0 });
    await vi.waitFor(() => expect(sent).toEqual(["p1"]));
    await queue.add(entry("p2"));
    const two = queue.flush({ owner: OWNER, skewMs: 0 });
    const three = queue.flush({ owner: OWNER, skewMs: 0 });
    expect(three).toBe(two);
    release(json(201, { ...punchOut("p1"), duplicate: false }));

    expect((await one).synced.map((item) => item.entry.id)).toEqual(["p1"]);
    expect((await two).synced.map((item) => item.entry.id)).toEqual(["p2"]);
    expect(sent).toEqual(["p1", "p2"]);
  });
});
