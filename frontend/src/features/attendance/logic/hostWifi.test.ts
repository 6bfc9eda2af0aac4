import { afterEach, describe, expect, it, vi } from "vitest";

import { hasWifiBridge, normaliseBssid, readHostWifi } from "./hostWifi";

afterEach(() => {
  delete window.OfficiumHost;
  vi.useRealTimers();
});

describe("normaliseBssid", () => {
  it.each([
    ["aa:bb:cc:dd:ee:ff", "aa:bb:cc:dd:ee:ff"],
    [" AA:BB:CC:DD:EE:0F ", "aa:bb:cc:dd:ee:0f"],
    ["AA-BB-CC-DD-EE-FF", "aa:bb:cc:dd:ee:ff"],
    ["aa:bb:cc:dd:ee", null],
    ["aa:bb:cc:dd:ee:fg", null],
    ["aabbccddeeff", null],
    ["", null],
  ])("%j → %j", (text, expected) => {
    expect(normaliseBssid(text)).toBe(expected);
  });
});

describe("readHostWifi", () => {
  it("is null without a bridge: a browser cannot read Wi-Fi", async () => {
    expect(hasWifiBridge()).toBe(false);
    expect(await readHostWifi()).toBeNull();
  });

  it("asks the host and normalises its answer", async () => {
    window.OfficiumHost = { wifi: () => Promise.resolve({ ssid: "Officium", bssid: "AA-BB-CC-DD-EE-FF" }) };
    expect(hasWifiBridge()).toBe(true);
    expect(await readHostWifi()).toEqual({ ssid: "Officium", bssid: "aa:bb:cc:dd:ee:ff" });
  });

  it.each([
    ["not connected", () => Promise.resolve(null)],
    ["a malformed answer", () => Promise.resolve({ ssid: "Officium", bssid: "nonsense" })],
    ["no SSID", () => Promise.resolve({ bssid: "aa:bb:cc:dd:ee:ff" } as never)],
    ["a refusal", () => Promise.reject(new Error("denied"))],
  ])("is null for %s", async (_case, wifi) => {
    expect(await readHostWifi({ wifi })).toBeNull();
  });

  it("gives up on a host that does not answer in time", async () => {
    vi.useFakeTimers();
    const answer = readHostWifi({ wifi: () => new Promise(() => undefined) }, 3000);
    await vi.advanceTimersByTimeAsync(3000);
    expect(await answer).toBeNull();
  });
});
