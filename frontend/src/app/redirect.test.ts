import { describe, expect, it } from "vitest";

import { safeRedirect } from "./redirect";

describe("safeRedirect", () => {
  it("goes back to the page the user wanted", () => {
    expect(safeRedirect("/contacts?q=li")).toBe("/contacts?q=li");
    expect(safeRedirect(["/me/password"])).toBe("/me/password");
  });

  it("goes to Messages without a usable target", () => {
    expect(safeRedirect(undefined)).toBe("/messages");
    expect(safeRedirect("")).toBe("/messages");
    expect(safeRedirect("/login?redirect=/me")).toBe("/messages");
  });

  it("never leaves the site", () => {
    expect(safeRedirect("https://evil.example.com/")).toBe("/messages");
    expect(safeRedirect("//evil.example.com/")).toBe("/messages");
    expect(safeRedirect("/\\evil.example.com/")).toBe("/messages");
  });
});
