import { describe, expect, it } from "vitest";

import { ApiError } from "@/api/problem";

import { leaveErrorText } from "./problemText";
import { leaveTemplateId } from "./template";

const TEXTS: Record<string, string> = {
  "leave.errors.reason_required": "Give the reason.",
  "errors.rate_limited": "Too many requests.",
  "common.error.generic": "The request failed.",
};
const translator = { t: (key: string) => TEXTS[key] ?? key, te: (key: string) => key in TEXTS };

describe("leaveErrorText", () => {
  it("uses our sentence for a leave code, then the shared one, then the server's detail", () => {
    expect(leaveErrorText(ApiError.fromResponse(422, { code: "reason_required", detail: "x" }), translator)).toBe(
      "Give the reason.",
    );
    expect(leaveErrorText(ApiError.fromResponse(429, { code: "rate_limited" }), translator)).toBe("Too many requests.");
    expect(leaveErrorText(ApiError.fromResponse(422, { code: "odd", detail: "Odd." }), translator)).toBe("Odd.");
    expect(leaveErrorText(new Error("boom"), translator)).toBe("The request failed.");
  });
});

describe("leaveTemplateId", () => {
  it("finds the built-in leave template among those one may submit", () => {
    expect(leaveTemplateId([{ id: "t1", key: "overtime" }, { id: "t2", key: "leave" }])).toBe("t2");
    expect(leaveTemplateId([{ id: "t1", key: "overtime" }])).toBeNull();
  });
});
