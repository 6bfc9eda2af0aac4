// The administration pages' texts (attendance.shifts, attendance.admin), added on import.
import en from "./admin.en";
import zhCN from "./admin.zh-CN";
import { addPageMessages } from "./pageMessages";

addPageMessages({ en, "zh-CN": zhCN });
