import { describe, expect, it, vi } from "vitest";

import { FIX_MAX_AGE_MS, LocationError, useLocation, type Fix } from "./location";

const FIX: Fix = { latitude: 39.9839, longitude: 116.307, accuracyM: 20, atMs: 1_000_000 };

describe("useLocation", () => {
  it("keeps the reading, and shares one reading between callers", async () => {
    const read = vi.fn(async () => FIX);
    const location = useLocation(read);
    const [a, b] = await Promise.all([location.locate(), location.locate()]);
    expect([a, b]).toEqual([FIX, FIX]);
    expect(read).toHaveBeenCalledOnce();
    expect(location.fix.value).toEqual(FIX);
    expect(location.locating.value).toBe(false);
  });

  it("says why a reading failed and keeps the previous one", async () => {
    const read = vi.fn().mockResolvedValueOnce(FIX).mockRejectedValueOnce(new LocationError("denied"));
    const location = useLocation(read);
    await location.locate();
    expect(await location.locate()).toBeNull();
    expect(location.problem.value).toBe("denied");
    expect(location.fix.value).toEqual(FIX);
  });

  it("reads again for a punch when the last reading is older than a minute", async () => {
    const read = vi.fn(async () => FIX);
    const location = useLocation(read);
    await location.locate();
    expect(await location.currentFix(FIX.atMs + FIX_MAX_AGE_MS)).toBe(FIX);
    expect(read).toHaveBeenCalledTimes(1);
    await location.currentFix(FIX.atMs + FIX_MAX_AGE_MS + 1);
    expect(read).toHaveBeenCalledTimes(2);
  });
});
