import { describe, expect, it } from "vitest";

import { atLeast, closeReason, syncUrl } from "./logic";

describe("documents logic", () => {
  it("ranks levels", () => {
    expect(atLeast("edit", "comment")).toBe(true);
    expect(atLeast("view", "edit")).toBe(false);
    expect(atLeast("manage", "manage")).toBe(true);
  });

  it("builds the socket URL from the page's address", () => {
    expect(syncUrl({ protocol: "https:", host: "oa.example.com" })).toBe("wss://oa.example.com/ws/documents");
    expect(syncUrl({ protocol: "http:", host: "127.0.0.1:8000" })).toBe("ws://127.0.0.1:8000/ws/documents");
  });

  it("explains the close codes that stop the client", () => {
    expect(closeReason(4403)).toBe("documents.editor.closed.revoked");
    expect(closeReason(4503)).toBe("documents.editor.closed.full");
    expect(closeReason(1006)).toBeNull();
  });
});
