// Texts of the group kinds and the roster page (排班), loaded with the group and roster pages rather
// than with the app shell (the punch screen's first load stays small): importing this module adds
// them to the app's messages.
// Both languages have the same keys (checked by roster.test.ts, as locales.test.ts does for the rest).
import { addPageMessages } from "./pageMessages";
import rosterEn from "./roster.en";
import rosterZhCN from "./roster.zh-CN";

addPageMessages({ en: rosterEn.attendance, "zh-CN": rosterZhCN.attendance });
