import { describe, expect, it } from "vitest";

import { ApiError } from "@/api/problem";

import { designerErrorText, fieldErrorMessages, saveErrorsByPart } from "./errors";

const texts: Record<string, string> = {
  "approvalDesigner.errors.invalid_settings": "高级设置有误",
  "approvalDesigner.errors.invalid_submitters": "请设置谁可以发起",
  "errors.permission_denied": "没有权限",
  "common.error.generic": "请求失败",
};
const translator = { t: (key: string) => texts[key] ?? key, te: (key: string) => key in texts };

describe("designerErrorText", () => {
  it("prefers the designer's own text, then the app's, then the server's detail", () => {
    expect(designerErrorText(ApiError.fromResponse(422, { code: "invalid_settings", detail: "x" }), translator)).toBe("高级设置有误");
    expect(designerErrorText(ApiError.fromResponse(403, { code: "permission_denied" }), translator)).toBe("没有权限");
    expect(designerErrorText(ApiError.fromResponse(409, { code: "something_new", detail: "Server says" }), translator)).toBe("Server says");
  });
});

describe("saveErrorsByPart", () => {
  it("puts the service's refusals on settings and submitters", () => {
    expect(saveErrorsByPart(ApiError.fromResponse(422, { code: "invalid_settings" }), translator)).toEqual({ settings: "高级设置有误" });
    expect(saveErrorsByPart(ApiError.fromResponse(422, { code: "invalid_submitters" }), translator)).toEqual({ submitters: "请设置谁可以发起" });
  });

  it("puts request validation errors on the part they name, the first message each", () => {
    const error = ApiError.fromResponse(422, {
      code: "validation_error",
      errors: [
        { loc: ["body", "payload", "name"], msg: "String should have at least 1 character", type: "string_too_short" },
        { loc: ["body", "payload", "name"], msg: "second", type: "x" },
        { loc: ["body", "payload", "admin_ids", 3], msg: "Input should be a valid UUID", type: "uuid_parsing" },
        { loc: ["body", "payload", "unknown"], msg: "Extra inputs are not permitted", type: "extra_forbidden" },
      ],
    });
    expect(saveErrorsByPart(error, translator)).toEqual({
      name: "String should have at least 1 character",
      admin_ids: "Input should be a valid UUID",
    });
  });

  it("knows nothing of other failures", () => {
    expect(saveErrorsByPart(new Error("boom"), translator)).toEqual({});
    expect(saveErrorsByPart(ApiError.network(), translator)).toEqual({});
  });
});

describe("fieldErrorMessages", () => {
  it("lists the messages of a refused sample form", () => {
    const error = ApiError.fromResponse(422, {
      code: "invalid_form",
      errors: [{ pointer: "/amount", code: "required", message: "金额 is required." }],
    });
    expect(fieldErrorMessages(error)).toEqual(["金额 is required."]);
  });
});
