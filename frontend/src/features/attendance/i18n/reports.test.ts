import { describe, expect, it } from "vitest";

import { i18n } from "@/i18n";

import { installReportMessages } from "./reports";
import en from "./reports.en";
import zhCN from "./reports.zh-CN";

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

describe("the report page's texts", () => {
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

  it("join the app's messages under attendance.reports, beside the existing attendance texts", () => {
    installReportMessages();
    installReportMessages();
    expect(i18n.global.t("attendance.reports.tabs.daily", {}, { locale: "zh-CN" })).toBe("每日明细");
    expect(i18n.global.t("attendance.reports.charts.noData", {}, { locale: "en" })).toBe(en.charts.noData);
    expect(i18n.global.t("attendance.dayStatus.absent", {}, { locale: "zh-CN" })).toBe("缺勤");
  });
});
