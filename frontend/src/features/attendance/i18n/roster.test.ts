import { describe, expect, it } from "vitest";

import en from "@/i18n/locales/en";
import zhCN from "@/i18n/locales/zh-CN";

import rosterEn from "./roster.en";
import rosterZhCN from "./roster.zh-CN";

function flatten(messages: object, prefix = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "object" && value !== null) {
      for (const [inner, text] of flatten(value as object, path)) out.set(inner, text);
    } else {
      out.set(path, value);
    }
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe("the roster page's texts", () => {
  const enKeys = flatten(rosterEn);
  const zhKeys = flatten(rosterZhCN);

  it("have the same keys in both languages, each a non-empty text with the same placeholders", () => {
    expect([...zhKeys.keys()].sort()).toEqual([...enKeys.keys()].sort());
    for (const [key, text] of enKeys) {
      const other = zhKeys.get(key);
      expect((text as string).trim(), key).not.toBe("");
      expect((other as string).trim(), key).not.toBe("");
      expect(placeholders(other as string), key).toEqual(placeholders(text as string));
      expect(`${String(text)}${String(other)}`, key).not.toMatch(/[@|$]/);
    }
  });

  it("add to the app's messages without replacing any", () => {
    const app = flatten(en);
    expect([...enKeys.keys()].filter((key) => app.has(key))).toEqual([]);
    expect([...zhKeys.keys()].filter((key) => flatten(zhCN).has(key))).toEqual([]);
  });
});
