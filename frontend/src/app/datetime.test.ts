import { describe, expect, it } from "vitest";

import { formatDateTime } from "./datetime";

describe("formatDateTime", () => {
  it("shows the instant in the organisation's time zone, not the device's", () => {
    const iso = "2026-11-25T22:54:04Z";
    expect(formatDateTime(iso, "en-US", "Asia/Shanghai")).toBe("Nov 26, 2026, 6:54:04 AM");
    expect(formatDateTime(iso, "en-US", "UTC")).toBe("Nov 25, 2026, 10:54:04 PM");
  });

  it("speaks Chinese in zh-CN", () => {
    expect(formatDateTime("2026-11-25T22:54:04Z", "zh-CN", "Asia/Shanghai")).toBe("2026年11月26日 06:54:04");
  });
});
