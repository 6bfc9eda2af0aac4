import { describe, expect, it } from "vitest";

import { i18n } from "@/i18n";

import "./admin";
import adminEn from "./admin.en";
import adminZh from "./admin.zh-CN";
import "./reports";
import reportsEn from "./reports.en";
import reportsZh from "./reports.zh-CN";

function flatten(messages: Record<string, unknown>, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "object" && value !== null) {
      for (const [inner, text] of flatten(value as Record<string, unknown>, path)) out.set(inner, text);
    } else {
      out.set(path, String(value));
    }
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe.each([
  ["administration", adminEn, adminZh],
  ["reports", reportsEn, reportsZh],
])("the %s pages' texts", (_name, en, zhCN) => {
  const enTexts = flatten(en);
  const zhTexts = flatten(zhCN);

  it("have the same keys and placeholders in both languages, none empty, no vue-i18n syntax", () => {
    expect([...zhTexts.keys()].sort()).toEqual([...enTexts.keys()].sort());
    for (const [key, text] of enTexts) {
      const other = zhTexts.get(key) ?? "";
      expect(text.trim(), key).not.toBe("");
      expect(other.trim(), key).not.toBe("");
      expect(placeholders(other), key).toEqual(placeholders(text));
      expect(`${text}${other}`, key).not.toMatch(/[@|$]/);
    }
  });
});

describe("texts that load with their pages", () => {
  it("join the app's messages under attendance, beside the texts every page has", () => {
    expect(i18n.global.t("attendance.reports.tabs.daily", {}, { locale: "zh-CN" })).toBe("每日明细");
    expect(i18n.global.t("attendance.reports.charts.noData", {}, { locale: "en" })).toBe(reportsEn.charts.noData);
    expect(i18n.global.t("attendance.shifts.title", {}, { locale: "zh-CN" })).toBe(adminZh.shifts.title);
    expect(i18n.global.t("attendance.admin.title", {}, { locale: "en" })).toBe(adminEn.admin.title);
    expect(i18n.global.t("attendance.dayStatus.absent", {}, { locale: "zh-CN" })).toBe("缺勤");
  });
});
