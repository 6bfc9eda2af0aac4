import { afterEach, describe, expect, it, vi } from "vitest";

import { RealtimeConnection, socketUrl, type SocketLike } from "./connection";
import { clearTopicHandlers, onTopicChanged } from "./topics";

class FakeSocket implements SocketLike {
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  closed = false;
  constructor(readonly url: string) {}
  open() {
    this.onopen?.(new Event("open"));
  }
  receive(data: string) {
    this.onmessage?.(new MessageEvent("message", { data }));
  }
  drop() {
    this.onclose?.(new CloseEvent("close", { code: 1006 }));
  }
  close() {
    this.closed = true;
    this.onclose?.(new CloseEvent("close", { code: 1000 }));
  }
}

function harness() {
  const sockets: FakeSocket[] = [];
  const timers: { callback: () => void; ms: number; cleared: boolean }[] = [];
  const connection = new RealtimeConnection({
    url: () => "ws://oa.test/ws/",
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    setTimer: (callback, ms) => {
      timers.push({ callback, ms, cleared: false });
      return (timers.length - 1) as unknown as ReturnType<typeof setTimeout>;
    },
    clearTimer: (handle) => {
      const timer = timers[handle as unknown as number];
      if (timer) timer.cleared = true;
    },
    random: () => 0,
  });
  const fire = () => {
    const timer = timers.at(-1);
    if (timer && !timer.cleared) timer.callback();
  };
  return { connection, sockets, timers, fire };
}

afterEach(clearTopicHandlers);

describe("RealtimeConnection", () => {
  it("dispatches changed topics from the server", () => {
    const { connection, sockets } = harness();
    const me = vi.fn();
    onTopicChanged("me", me);
    connection.start();
    sockets[0]!.open();
    sockets[0]!.receive('{"type":"changed","topics":["me"]}');
    expect(me).toHaveBeenCalledTimes(1);
  });

  it("reconnects with growing delays and resets them after a successful open", () => {
    const { connection, sockets, timers, fire } = harness();
    connection.start();
    sockets[0]!.drop();
    fire();
    sockets[1]!.drop();
    fire();
    sockets[2]!.drop();
    expect(timers.map((timer) => timer.ms)).toEqual([500, 1000, 2000]);
    fire();
    sockets[3]!.open();
    sockets[3]!.drop();
    expect(timers.at(-1)!.ms).toBe(500);
    expect(sockets).toHaveLength(4);
  });

  it("refetches every topic after a reconnect, but not after the first connect", () => {
    const { connection, sockets, fire } = harness();
    const me = vi.fn();
    onTopicChanged("me", me);
    connection.start();
    sockets[0]!.open();
    expect(me).not.toHaveBeenCalled();
    sockets[0]!.drop();
    fire();
    sockets[1]!.open();
    expect(me).toHaveBeenCalledTimes(1);
  });

  it("closes and stays closed after stop (logout)", () => {
    const { connection, sockets, timers } = harness();
    connection.start();
    sockets[0]!.open();
    connection.stop();
    expect(sockets[0]!.closed).toBe(true);
    expect(timers).toHaveLength(0);
    expect(connection.isRunning).toBe(false);
  });

  it("cancels a pending reconnect on stop", () => {
    const { connection, sockets, timers, fire } = harness();
    connection.start();
    sockets[0]!.drop();
    connection.stop();
    expect(timers[0]!.cleared).toBe(true);
    fire();
    expect(sockets).toHaveLength(1);
  });

  it("skips the wait when the network comes back", () => {
    const { connection, sockets, timers } = harness();
    connection.start();
    sockets[0]!.drop();
    connection.reconnectNow();
    expect(timers[0]!.cleared).toBe(true);
    expect(sockets).toHaveLength(2);
    connection.reconnectNow(); // already connecting: nothing more
    expect(sockets).toHaveLength(2);
  });
});

describe("socketUrl", () => {
  it("uses wss behind https and ws otherwise", () => {
    expect(socketUrl({ protocol: "https:", host: "oa.example.com" })).toBe("wss://oa.example.com/ws/");
    expect(socketUrl({ protocol: "http:", host: "127.0.0.1:18080" })).toBe("ws://127.0.0.1:18080/ws/");
  });
});
