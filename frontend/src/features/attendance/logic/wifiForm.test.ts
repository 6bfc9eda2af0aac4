import { describe, expect, it } from "vitest";

import { emptyWifi, wifiBody, wifiProblems } from "./wifiForm";

describe("the Wi-Fi form", () => {
  it("names each field the server would refuse", () => {
    expect(wifiProblems(emptyWifi())).toEqual({ name: true, ssid: true, bssid: true });
    expect(wifiProblems({ name: "三楼", ssid: "x".repeat(33), bssid: "aa:bb:cc:dd:ee" })).toEqual({ ssid: true, bssid: true });
    expect(wifiProblems({ name: "三楼", ssid: "Officium", bssid: "AA-BB-CC-DD-EE-01" })).toEqual({});
  });

  it("sends a trimmed name and the BSSID in lower case with colons", () => {
    expect(wifiBody({ name: " 三楼 ", ssid: " Officium", bssid: "AA-BB-CC-DD-EE-01" })).toEqual({
      name: "三楼",
      ssid: " Officium",
      bssid: "aa:bb:cc:dd:ee:01",
    });
  });
});
