import { describe, expect, it } from "vitest";

import { moneyInWords } from "./moneyWords";

// Every expectation is what the server (cn2an, rmb style) prints for the same amount.
const CASES: [string, string][] = [
  ["12345.6", "壹万贰仟叁佰肆拾伍元陆角"],
  ["1200.00", "壹仟贰佰元整"],
  ["1005", "壹仟零伍元整"],
  ["100000", "壹拾万元整"],
  ["0.5", "伍角"],
  ["0.05", "伍分"],
  ["10", "壹拾元整"],
  ["10.05", "壹拾元零伍分"],
  ["100010001.01", "壹亿零壹万零壹元零壹分"],
  ["5600.00", "伍仟陆佰元整"],
  ["0", "零元整"],
  ["20", "贰拾元整"],
  ["110", "壹佰壹拾元整"],
  ["1000000.5", "壹佰万元伍角"],
  ["-3.2", "负叁元贰角"],
  ["10000000", "壹仟万元整"],
  ["101.10", "壹佰零壹元壹角"],
  ["1010", "壹仟零壹拾元整"],
];

describe("moneyInWords", () => {
  it.each(CASES)("writes %s as %s", (amount, words) => {
    expect(moneyInWords(amount)).toBe(words);
  });

  it("gives nothing for text that is not a number", () => {
    expect(moneyInWords("abc")).toBe("");
  });
});
