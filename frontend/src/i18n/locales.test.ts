import { describe, expect, it } from "vitest";

import en from "./locales/en";
import zhCN from "./locales/zh-CN";

function flatten(messages: Record<string, unknown>, prefix = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "object" && value !== null) {
      for (const [inner, text] of flatten(value as Record<string, unknown>, path)) out.set(inner, text);
    } else {
      out.set(path, value);
    }
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe("translations", () => {
  const enKeys = flatten(en);
  const zhKeys = flatten(zhCN);

  it("zh-CN and en have exactly the same keys", () => {
    expect([...zhKeys.keys()].sort()).toEqual([...enKeys.keys()].sort());
  });

  it("every text is a non-empty string with the same placeholders in both languages", () => {
    for (const [key, text] of enKeys) {
      const other = zhKeys.get(key);
      expect(typeof text, key).toBe("string");
      expect(typeof other, key).toBe("string");
      expect((text as string).trim(), key).not.toBe("");
      expect((other as string).trim(), key).not.toBe("");
      expect(placeholders(other as string), key).toEqual(placeholders(text as string));
    }
  });

  it("no text contains vue-i18n syntax characters by accident", () => {
    // "@" starts a linked message and "|" separates plural forms.
    for (const [key, text] of [...enKeys, ...zhKeys]) {
      expect(String(text), key).not.toMatch(/[@|$]/);
    }
  });
});
