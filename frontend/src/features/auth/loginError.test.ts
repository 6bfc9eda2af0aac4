import { describe, expect, it } from "vitest";

import { ApiError } from "@/api/problem";

import { loginErrorKey } from "./loginError";

describe("loginErrorKey", () => {
  it("shows one message for a wrong username and a wrong password", () => {
    const unknownUser = ApiError.fromResponse(400, {
      status: 400,
      errors: [{ message: "The username and/or password you specified are not correct.", code: "invalid_login" }],
    });
    const wrongPassword = ApiError.fromResponse(400, {
      status: 400,
      errors: [{ message: "Incorrect password.", code: "incorrect_password", param: "password" }],
    });
    expect(loginErrorKey(unknownUser)).toBe("login.errors.invalidCredentials");
    expect(loginErrorKey(wrongPassword)).toBe("login.errors.invalidCredentials");
  });

  it("tells apart throttling, the network and other failures", () => {
    expect(loginErrorKey(ApiError.fromResponse(429, { status: 429 }))).toBe("login.errors.tooManyAttempts");
    expect(loginErrorKey(ApiError.network())).toBe("login.errors.offline");
    expect(loginErrorKey(ApiError.fromResponse(401, { status: 401 }))).toBe("login.errors.verificationRequired");
    expect(loginErrorKey(ApiError.fromResponse(500, "boom"))).toBe("login.errors.generic");
    expect(loginErrorKey(new Error("bug"))).toBe("login.errors.generic");
  });
});
