import { describe, expect, it } from "vitest";

import { parseAccountIdentifier } from "./identifier";

describe("parseAccountIdentifier", () => {
  it.each([
    ["lina@demo.officium.local", { email: "lina@demo.officium.local" }],
    ["  lina@demo.officium.local ", { email: "lina@demo.officium.local" }],
    ["13800000004", { phone: "+8613800000004" }],
    ["138 0000 0004", { phone: "+8613800000004" }],
    ["138-0000-0004", { phone: "+8613800000004" }],
    ["+8613800000004", { phone: "+8613800000004" }],
    ["+86 138 0000 0004", { phone: "+8613800000004" }],
    ["+1 415-555-0100", { phone: "+14155550100" }],
    ["008613800000004", { phone: "+8613800000004" }],
    ["lina", { username: "lina" }],
    [" zhangwei ", { username: "zhangwei" }],
    ["li.na_2", { username: "li.na_2" }],
    // Employee numbers are usernames, not phone numbers.
    ["10023", { username: "10023" }],
    ["23800000004", { username: "23800000004" }],
  ])("%j → %j", (input, expected) => {
    expect(parseAccountIdentifier(input)).toEqual(expected);
  });
});
