import { describe, expect, it } from "vitest";

import { ApiError } from "@/api/problem";

import { attendanceErrorText, rejectionText } from "./problemText";

const TEXTS: Record<string, string> = {
  "attendance.errors.outside_places": "Not at a clock-in place.",
  "attendance.errors.outside_places_at": "Not at a clock-in place ({distance} from the nearest).",
  "attendance.errors.photo_required": "Take a photo.",
  "errors.rate_limited": "Too many requests.",
  "common.error.generic": "The request failed.",
  "common.offline.title": "You are offline",
};

const translator = {
  t: (key: string, named?: Record<string, unknown>) =>
    (TEXTS[key] ?? key).replace(/\{(\w+)\}/g, (_, name: string) => String(named?.[name] ?? "")),
  te: (key: string) => key in TEXTS,
};

describe("rejectionText", () => {
  it("says how far away the nearest place was", () => {
    const text = rejectionText({ code: "outside_places", message: "", details: { distance_m: 1234 } }, translator);
    expect(text).toBe("Not at a clock-in place (1.2 km from the nearest).");
  });

  it("uses our sentence for a known code, then the shared one, then the server's message", () => {
    expect(rejectionText({ code: "outside_places", message: "x", details: {} }, translator)).toBe("Not at a clock-in place.");
    expect(rejectionText({ code: "photo_required", message: "x", details: {} }, translator)).toBe("Take a photo.");
    expect(rejectionText({ code: "rate_limited", message: "x", details: {} }, translator)).toBe("Too many requests.");
    expect(rejectionText({ code: "brand_new", message: "Server says no.", details: {} }, translator)).toBe("Server says no.");
    expect(rejectionText({ code: "brand_new", message: "", details: {} }, translator)).toBe("The request failed.");
  });
});

describe("attendanceErrorText", () => {
  it("knows the attendance codes and falls back to the shared texts", () => {
    expect(attendanceErrorText(ApiError.fromResponse(422, { code: "photo_required" }), translator)).toBe("Take a photo.");
    expect(attendanceErrorText(ApiError.fromResponse(429, { code: "rate_limited" }), translator)).toBe("Too many requests.");
    expect(attendanceErrorText(ApiError.network(), translator)).toBe("You are offline");
  });
});
