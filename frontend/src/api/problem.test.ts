import { describe, expect, it } from "vitest";

import { ApiError, fieldMessage, parseProblem } from "./problem";

describe("parseProblem", () => {
  it("keeps an RFC 9457 problem from /api/v1/ as it is", () => {
    const problem = parseProblem(422, {
      type: "https://officium.dev/problems/validation_error",
      title: "The request is not valid",
      status: 422,
      detail: "display_name: field required",
      code: "validation_error",
      errors: [{ loc: ["body", "display_name"], msg: "Field required", type: "missing" }],
    });
    expect(problem).toEqual({
      type: "https://officium.dev/problems/validation_error",
      title: "The request is not valid",
      status: 422,
      detail: "display_name: field required",
      code: "validation_error",
      errors: [{ loc: ["body", "display_name"], msg: "Field required", type: "missing" }],
    });
  });

  it("maps allauth's error list onto field errors", () => {
    const problem = parseProblem(400, {
      status: 400,
      errors: [{ message: "Incorrect password.", code: "incorrect_password", param: "current_password" }],
    });
    expect(problem).toEqual({
      type: "about:blank",
      title: "",
      status: 400,
      detail: "Incorrect password.",
      code: "incorrect_password",
      errors: [{ loc: ["current_password"], msg: "Incorrect password.", type: "incorrect_password" }],
    });
    expect(fieldMessage(problem, "current_password")).toBe("Incorrect password.");
    expect(fieldMessage(problem, "new_password")).toBeUndefined();
  });

  it("gives an HTML error page a code from its status", () => {
    expect(parseProblem(502, "<html>Bad Gateway</html>")).toEqual({
      type: "about:blank",
      title: "",
      status: 502,
      detail: "",
      code: "server_error",
      errors: [],
    });
  });

  it("gives an empty 401 the not_authenticated code", () => {
    expect(parseProblem(401, undefined).code).toBe("not_authenticated");
    expect(parseProblem(429, null).code).toBe("rate_limited");
    expect(parseProblem(403, []).code).toBe("permission_denied");
  });

  it("ignores malformed error items instead of failing", () => {
    const problem = parseProblem(400, { errors: ["oops", { loc: "not-a-list", msg: 3 }] });
    expect(problem.errors).toEqual([{ loc: [], msg: "", type: "" }]);
    expect(problem.code).toBe("bad_request");
  });
});

describe("ApiError", () => {
  it("carries the parsed problem of an HTTP error", () => {
    const error = ApiError.fromResponse(401, { code: "not_authenticated", title: "Authentication required" });
    expect(error.kind).toBe("http");
    expect(error.status).toBe(401);
    expect(error.code).toBe("not_authenticated");
    expect(error.message).toBe("Authentication required");
    expect(error.isNetwork).toBe(false);
  });

  it("marks a request that got no answer as a network error", () => {
    const error = ApiError.network(new TypeError("Failed to fetch"));
    expect(error.kind).toBe("network");
    expect(error.status).toBe(0);
    expect(error.code).toBe("network_error");
    expect(error.isNetwork).toBe(true);
  });
});
