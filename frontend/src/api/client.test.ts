import { afterEach, describe, expect, it, vi } from "vitest";

import { unwrap } from "./client";
import { setUnauthenticatedHandler } from "./http";
import { ApiError } from "./problem";

function answer<T>(status: number, body: { data?: T; error?: unknown }) {
  return Promise.resolve({ ...body, response: new Response(null, { status }) });
}

afterEach(() => setUnauthenticatedHandler(null));

describe("unwrap", () => {
  it("returns the data of a successful answer", async () => {
    await expect(unwrap(answer(200, { data: { ok: true } }))).resolves.toEqual({ ok: true });
  });

  it("throws an ApiError with the problem of a failed answer", async () => {
    const failing = unwrap(answer(403, { error: { code: "permission_denied", title: "No" } }));
    await expect(failing).rejects.toBeInstanceOf(ApiError);
    await expect(failing).rejects.toMatchObject({ status: 403, code: "permission_denied" });
  });

  it("reports a 401 so that the app can ask the user to sign in again", async () => {
    const handler = vi.fn();
    setUnauthenticatedHandler(handler);
    await expect(unwrap(answer(401, { error: { code: "not_authenticated" } }))).rejects.toMatchObject({ status: 401 });
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it("leaves a 401 to the caller that asked for it (the session check)", async () => {
    const handler = vi.fn();
    setUnauthenticatedHandler(handler);
    await expect(
      unwrap(answer(401, { error: { code: "not_authenticated" } }), { allowUnauthenticated: true }),
    ).rejects.toMatchObject({ status: 401 });
    expect(handler).not.toHaveBeenCalled();
  });
});
