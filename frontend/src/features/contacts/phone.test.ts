import { describe, expect, it } from "vitest";

import { isMaskedNumber, isUsableNumber, mailtoHref, telHref } from "./phone";

describe("masked numbers", () => {
  it("recognises what the server sends when the policy hides numbers", () => {
    expect(isMaskedNumber("138****0004")).toBe(true);
    expect(isMaskedNumber("+44****1234")).toBe(true);
    expect(isMaskedNumber("+8613800000004")).toBe(false);
    expect(isMaskedNumber("")).toBe(false);
    expect(isMaskedNumber(null)).toBe(false);
  });

  it("offers call and copy only for a real number", () => {
    expect(isUsableNumber("+8613800000004")).toBe(true);
    expect(isUsableNumber("138****0004")).toBe(false);
    expect(isUsableNumber(null)).toBe(false);
    expect(isUsableNumber("")).toBe(false);
  });
});

describe("links", () => {
  it("builds tel: and mailto: links", () => {
    expect(telHref("+86 138-0000-0004")).toBe("tel:+8613800000004");
    expect(telHref("+8613800000003")).toBe("tel:+8613800000003");
    expect(mailtoHref(" lina@demo.officium.local ")).toBe("mailto:lina@demo.officium.local");
  });
});
