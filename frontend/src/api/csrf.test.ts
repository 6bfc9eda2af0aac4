import { describe, expect, it } from "vitest";

import { needsCsrfToken, readCsrfToken } from "./csrf";

describe("readCsrfToken", () => {
  it("reads the development cookie", () => {
    expect(readCsrfToken("sessionid=abc; csrftoken=tok123")).toBe("tok123");
  });

  it("prefers the production __Host- cookie", () => {
    expect(readCsrfToken("csrftoken=old; __Host-csrftoken=new")).toBe("new");
  });

  it("returns null without the cookie", () => {
    expect(readCsrfToken("sessionid=abc")).toBeNull();
    expect(readCsrfToken("")).toBeNull();
  });
});

describe("needsCsrfToken", () => {
  const origin = "https://oa.example.com";

  it("is needed for unsafe requests to our API and to allauth", () => {
    expect(needsCsrfToken("POST", new URL("https://oa.example.com/_allauth/browser/v1/auth/login"), origin)).toBe(true);
    expect(needsCsrfToken("PATCH", new URL("https://oa.example.com/api/v1/me"), origin)).toBe(true);
    expect(needsCsrfToken("delete", new URL("https://oa.example.com/api/v1/x"), origin)).toBe(true);
  });

  it("is not sent with safe methods, to other paths or to other origins", () => {
    expect(needsCsrfToken("GET", new URL("https://oa.example.com/api/v1/me"), origin)).toBe(false);
    expect(needsCsrfToken("POST", new URL("https://oa.example.com/admin/login/"), origin)).toBe(false);
    expect(needsCsrfToken("POST", new URL("https://evil.example.com/api/v1/me"), origin)).toBe(false);
  });
});
