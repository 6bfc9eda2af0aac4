import { beforeEach, describe, expect, it } from "vitest";

import { switchLanguage, i18n, type Language } from "@/i18n";

import type { Slot } from "../types";
import { clockTime, makeUpAllowed, slotLine } from "./slotLine";

const ZONE = "Asia/Shanghai";
const DAY = "2026-11-20";

function slot(extra: Partial<Slot> = {}): Slot {
  return {
    kind: "on",
    expected_at: "2026-11-20T09:00:00+08:00",
    window_start: "2026-11-20T07:00:00+08:00",
    window_end: "2026-11-20T13:30:00+08:00",
    result: "pending",
    punch_id: null,
    punched_at: null,
    minutes: 0,
    made_up: false,
    leave_type: "",
    forgiven: false,
    ...extra,
  };
}

/** The slot's line as the screen reads it in a language: "上班 09:00 · 迟到 12 分钟". */
function read(language: Language, value: Slot, day = DAY): string {
  switchLanguage(language, { persist: false });
  const line = slotLine(value, day, ZONE);
  const { t } = i18n.global;
  const expected = line.nextDay ? t("attendance.slot.nextDayTime", { time: line.expected }) : line.expected;
  const madeUp = line.madeUp ? ` · ${t("attendance.slot.madeUp")}` : "";
  const forgiven = line.forgiven ? ` · ${t("attendance.slot.forgiven", { minutes: value.minutes })}` : "";
  return `${t(line.kindKey)} ${expected} · ${t(line.resultKey, line.resultParams)}${madeUp}${forgiven}`;
}

describe("slotLine", () => {
  beforeEach(() => switchLanguage("zh-CN", { persist: false }));

  it("says when the punch was made, in the organisation's time zone", () => {
    const punched = slot({ result: "on_time", punch_id: "p1", punched_at: "2026-11-20T01:03:27Z" });
    expect(read("zh-CN", punched)).toBe("上班 09:00 · 已打卡 09:03");
    expect(read("en", punched)).toBe("On 09:00 · Punched 09:03");
    expect(slotLine(punched, DAY, ZONE)).toMatchObject({ tone: "success", makeUpAllowed: false, punched: "09:03" });
  });

  it("counts the minutes late or early", () => {
    const late = slot({ result: "late", punched_at: "2026-11-20T09:12:00+08:00", minutes: 12 });
    expect(read("zh-CN", late)).toBe("上班 09:00 · 迟到 12 分钟");
    expect(read("en", late)).toBe("On 09:00 · Late by 12 min");
    const serious = slot({ result: "serious_late", punched_at: "2026-11-20T09:45:00+08:00", minutes: 45 });
    expect(read("zh-CN", serious)).toBe("上班 09:00 · 严重迟到 45 分钟");
    const absent = slot({ result: "absent_late", punched_at: "2026-11-20T11:30:00+08:00", minutes: 150 });
    expect(read("zh-CN", absent)).toBe("上班 09:00 · 迟到 150 分钟，按旷工计");
    const early = slot({ kind: "off", expected_at: "2026-11-20T18:00:00+08:00", result: "early", minutes: 20 });
    expect(read("zh-CN", early)).toBe("下班 18:00 · 早退 20 分钟");
    expect(read("en", early)).toBe("Off 18:00 · Left 20 min early");
    expect([late, serious, absent, early].map((item) => slotLine(item, DAY, ZONE).tone)).toEqual([
      "warning",
      "danger",
      "danger",
      "warning",
    ]);
  });

  it("tells a missing punch from one still to come", () => {
    expect(read("zh-CN", slot({ result: "missing" }))).toBe("上班 09:00 · 缺卡");
    expect(read("en", slot({ result: "missing" }))).toBe("On 09:00 · Missing");
    expect(read("zh-CN", slot())).toBe("上班 09:00 · 待打卡");
    expect(read("en", slot())).toBe("On 09:00 · Not punched yet");
    expect(slotLine(slot(), DAY, ZONE).tone).toBe("default");
  });

  it("marks a punch made up by an approved request", () => {
    const madeUp = slot({ result: "on_time", punched_at: "2026-11-20T09:00:00+08:00", made_up: true });
    expect(read("zh-CN", madeUp)).toBe("上班 09:00 · 已打卡 09:00 · 补卡");
    expect(read("en", madeUp)).toBe("On 09:00 · Punched 09:00 · Made up");
  });

  it("shows a forgiven late as on time, with how late it was", () => {
    const forgiven = slot({ result: "on_time", punched_at: "2026-11-20T09:05:00+08:00", minutes: 5, forgiven: true });
    expect(slotLine(forgiven, DAY, ZONE)).toMatchObject({ tone: "success", forgiven: true, makeUpAllowed: false });
    expect(read("zh-CN", forgiven)).toBe("上班 09:00 · 已打卡 09:05 · 迟到 5 分钟，已豁免");
    expect(read("en", forgiven)).toBe("On 09:00 · Punched 09:05 · Late 5 min, forgiven");
  });

  it("puts a night shift's off time on the next day", () => {
    const night = slot({ kind: "off", expected_at: "2026-11-21T06:00:00+08:00", result: "pending" });
    expect(read("zh-CN", night)).toBe("下班 次日 06:00 · 待打卡");
    expect(read("en", night)).toBe("Off 06:00 (next day) · Not punched yet");
  });
});

describe("makeUpAllowed", () => {
  it("offers a make-up for a missing, late or early punch only", () => {
    const results: Slot["result"][] = ["on_time", "late", "serious_late", "absent_late", "early", "missing", "pending"];
    expect(results.filter((result) => makeUpAllowed({ result }))).toEqual([
      "late",
      "serious_late",
      "absent_late",
      "early",
      "missing",
    ]);
  });
});

describe("clockTime", () => {
  it("is HH:MM on a 24-hour clock where the organisation is", () => {
    expect(clockTime("2026-11-20T10:05:00Z", ZONE)).toBe("18:05");
    expect(clockTime("2026-11-20T16:00:00Z", ZONE)).toBe("00:00");
  });
});
