import { describe, expect, it } from "vitest";

import type { Shift } from "../types";
import {
  draftFromShift,
  emptyShift,
  minutesOf,
  nextSegment,
  offIsNextDay,
  restProblem,
  segmentProblem,
  segmentText,
  segmentsText,
  shiftBody,
  shiftPatchBody,
  suggestedRest,
  workingMinutes,
} from "./shiftForm";

const STANDARD: Shift = { id: "s1", name: "标准班", segments: [{ on: "09:00", off: "18:00" }], on_window_minutes: 120, off_window_minutes: 240, flex_minutes: 0, rest: null };

describe("the next-day note", () => {
  it("puts an off time at or before the on time on the next day", () => {
    expect(offIsNextDay({ on: "09:00", off: "18:00" })).toBe(false);
    expect(offIsNextDay({ on: "22:00", off: "06:00" })).toBe(true);
    expect(offIsNextDay({ on: "08:00", off: "08:00" })).toBe(true);
    expect(offIsNextDay({ on: "22:00", off: "" })).toBe(false);
    const nextDay = (time: string) => `次日 ${time}`;
    expect(segmentText({ on: "22:00", off: "06:00" }, nextDay)).toBe("22:00–次日 06:00");
    expect(segmentText({ on: "09:00", off: "18:00" }, nextDay)).toBe("09:00–18:00");
    expect(segmentsText([{ on: "09:00", off: "12:00" }, { on: "20:00", off: "02:00" }], (time) => `${time} (next day)`)).toBe(
      "09:00–12:00 · 20:00–02:00 (next day)",
    );
  });
});

describe("segmentProblem", () => {
  it("accepts what the server accepts", () => {
    expect(segmentProblem([{ on: "09:00", off: "18:00" }])).toBeNull();
    expect(segmentProblem([{ on: "09:00", off: "12:00" }, { on: "13:00", off: "18:00" }])).toBeNull();
    expect(segmentProblem([{ on: "22:00", off: "06:00" }])).toBeNull();
    expect(segmentProblem([{ on: "20:00", off: "23:00" }, { on: "00:30", off: "04:00" }])).toBeNull();
    expect(segmentProblem([{ on: "08:00", off: "08:00" }])).toBeNull(); // a whole day
  });

  it("refuses a wrong count, a wrong time, overlaps and more than 24 hours", () => {
    expect(segmentProblem([])).toEqual({ code: "count" });
    expect(segmentProblem(Array.from({ length: 4 }, () => ({ on: "09:00", off: "10:00" })))).toEqual({ code: "count" });
    expect(segmentProblem([{ on: "9:00", off: "18:00" }])).toEqual({ code: "time", index: 0 });
    expect(segmentProblem([{ on: "09:00", off: "12:00" }, { on: "13:00", off: "24:00" }])).toEqual({ code: "time", index: 1 });
    expect(segmentProblem([{ on: "09:00", off: "12:00" }, { on: "11:00", off: "18:00" }])).toEqual({ code: "overlap", index: 1 });
    expect(segmentProblem([{ on: "09:00", off: "12:00" }, { on: "08:00", off: "10:00" }])).toEqual({ code: "overlap", index: 1 });
    expect(segmentProblem([{ on: "20:00", off: "06:00" }, { on: "07:00", off: "21:00" }])).toEqual({ code: "overlap", index: 1 });
  });
});

describe("the segments", () => {
  it("reads HH:MM only", () => {
    expect(minutesOf("09:30")).toBe(570);
    expect(minutesOf("23:59")).toBe(1439);
    expect(minutesOf("24:00")).toBeNull();
    expect(minutesOf("9:30")).toBeNull();
  });

  it("adds a segment an hour after the last one, and adds up the working time", () => {
    expect(nextSegment([{ on: "09:00", off: "12:00" }])).toEqual({ on: "13:00", off: "17:00" });
    expect(nextSegment([{ on: "18:00", off: "22:00" }])).toEqual({ on: "23:00", off: "03:00" });
    expect(workingMinutes([{ on: "09:00", off: "12:00" }, { on: "13:00", off: "18:00" }])).toBe(480);
    expect(workingMinutes([{ on: "22:00", off: "06:00" }])).toBe(480);
  });
});

describe("the rest window", () => {
  const DAY = [{ on: "09:00", off: "18:00" }];
  const NIGHT = [{ on: "22:00", off: "06:00" }];

  it.each([
    [DAY, { start: "12:00", end: "13:00" }, false],
    [DAY, null, false],
    [NIGHT, { start: "02:00", end: "03:00" }, false],
    [NIGHT, { start: "23:30", end: "00:30" }, false],
    [DAY, { start: "09:00", end: "10:00" }, true],
    [DAY, { start: "17:00", end: "18:00" }, true],
    [DAY, { start: "13:00", end: "12:00" }, true],
    [DAY, { start: "08:00", end: "10:00" }, true],
    [DAY, { start: "12", end: "13:00" }, true],
    [NIGHT, { start: "21:00", end: "23:00" }, true],
    [[{ on: "08:30", off: "12:00" }, { on: "13:30", off: "17:30" }], { start: "10:00", end: "10:30" }, true],
  ])("%j with rest %j is refused: %s", (segments, rest, refused) => {
    expect(restProblem(segments, rest)).toBe(refused);
  });

  it("leaves the rest out of the working time", () => {
    expect(workingMinutes(DAY, { start: "12:00", end: "13:00" })).toBe(480);
    expect(workingMinutes(NIGHT, { start: "23:30", end: "00:30" })).toBe(420);
    expect(workingMinutes(DAY, { start: "19:00", end: "20:00" })).toBe(540); // not a valid rest: nothing left out
  });

  it("offers lunch when it fits, else the middle hour", () => {
    expect(suggestedRest(DAY)).toEqual({ start: "12:00", end: "13:00" });
    expect(suggestedRest(NIGHT)).toEqual({ start: "01:30", end: "02:30" });
  });
});

describe("the bodies", () => {
  it("sends a new shift with a trimmed name", () => {
    expect(shiftBody({ ...emptyShift(), name: " 早班 " })).toEqual({
      name: "早班",
      segments: [{ on: "09:00", off: "18:00" }],
      on_window_minutes: 120,
      off_window_minutes: 240,
      flex_minutes: 0,
      rest: null,
    });
  });

  it("sends a rest window set, moved or cleared", () => {
    const draft = draftFromShift(STANDARD);
    draft.rest = { start: "12:00", end: "13:00" };
    expect(shiftPatchBody(STANDARD, draft)).toEqual({ rest: { start: "12:00", end: "13:00" } });
    const lunch = { ...STANDARD, rest: { start: "12:00", end: "13:00" } };
    expect(shiftPatchBody(lunch, draftFromShift(lunch))).toEqual({});
    expect(shiftPatchBody(lunch, { ...draftFromShift(lunch), rest: null })).toEqual({ rest: null });
  });

  it("sends only what changed", () => {
    const draft = draftFromShift(STANDARD);
    expect(shiftPatchBody(STANDARD, draft)).toEqual({});
    draft.segments = [{ on: "09:00", off: "12:00" }, { on: "13:00", off: "18:00" }];
    draft.off_window_minutes = 180;
    draft.flex_minutes = 30;
    expect(shiftPatchBody(STANDARD, draft)).toEqual({
      segments: [{ on: "09:00", off: "12:00" }, { on: "13:00", off: "18:00" }],
      off_window_minutes: 180,
      flex_minutes: 30,
    });
    expect(STANDARD.segments).toEqual([{ on: "09:00", off: "18:00" }]);
  });
});
