import { describe, expect, it } from "vitest";

import { ApiError } from "@/api/problem";
import en from "@/i18n/locales/en";

import { errorText } from "./errorText";

const texts: Record<string, string> = {
  "common.offline.title": "You are offline",
  "common.error.generic": "The request failed.",
  "errors.department_cycle": "A department cannot move under itself.",
};
const translator = { t: (key: string) => texts[key] ?? key, te: (key: string) => key in texts };

describe("errorText", () => {
  it("uses our own text for a known problem code", () => {
    const error = ApiError.fromResponse(409, { code: "department_cycle", detail: "X lies inside X." });
    expect(errorText(error, translator)).toBe("A department cannot move under itself.");
  });

  it("falls back to the server's detail, then to the generic text", () => {
    expect(errorText(ApiError.fromResponse(409, { code: "brand_new", detail: "Something new." }), translator)).toBe(
      "Something new.",
    );
    expect(errorText(ApiError.fromResponse(500, undefined), translator)).toBe("The request failed.");
    expect(errorText(new Error("boom"), translator)).toBe("The request failed.");
  });

  it("says offline when nothing answered", () => {
    expect(errorText(ApiError.network(), translator)).toBe("You are offline");
  });

  it("has texts for the organisation's conflicts", () => {
    for (const code of [
      "department_cycle",
      "department_has_children",
      "department_not_empty",
      "supervisor_cycle",
      "employee_number_taken",
      "account_exists",
      "roles_mutually_exclusive",
    ]) {
      expect(en.errors, code).toHaveProperty(code);
    }
  });
});
