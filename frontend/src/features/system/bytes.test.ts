import { describe, expect, it } from "vitest";

import { formatBytes } from "./bytes";

describe("formatBytes", () => {
  it("keeps bytes whole and gives larger sizes one decimal", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(1023)).toBe("1023 B");
    expect(formatBytes(1024)).toBe("1.0 KB");
    expect(formatBytes(2283520)).toBe("2.2 MB");
    expect(formatBytes(1610612736)).toBe("1.5 GB");
    expect(formatBytes(5 * 1024 ** 5)).toBe("5120.0 TB");
  });
});
