import { describe, expect, it } from "vitest";

import { detectLanguage, isLanguage, languageFromBrowserTag } from "./language";

describe("languageFromBrowserTag", () => {
  it.each([
    ["zh-CN", "zh-CN"],
    ["zh", "zh-CN"],
    ["zh-TW", "zh-CN"],
    ["zh-Hans-CN", "zh-CN"],
    ["ZH-cn", "zh-CN"],
    ["en-US", "en"],
    ["en", "en"],
    ["de-DE", "en"],
    [undefined, "en"],
  ])("%s → %s", (tag, expected) => {
    expect(languageFromBrowserTag(tag)).toBe(expected);
  });
});

describe("detectLanguage", () => {
  it("uses the language chosen on this device first", () => {
    expect(detectLanguage("en", ["zh-CN"])).toBe("en");
    expect(detectLanguage("zh-CN", ["en-US"])).toBe("zh-CN");
  });

  it("falls back to the browser's first language", () => {
    expect(detectLanguage(null, ["zh-CN", "en"])).toBe("zh-CN");
    expect(detectLanguage("klingon", ["fr-FR", "zh-CN"])).toBe("en");
    expect(detectLanguage(null, [])).toBe("en");
  });

  it("knows the supported languages", () => {
    expect(isLanguage("zh-CN")).toBe(true);
    expect(isLanguage("en")).toBe(true);
    expect(isLanguage("")).toBe(false);
    expect(isLanguage("zh")).toBe(false);
  });
});
