// The report page's texts (attendance.reports), added on import.
import { addPageMessages } from "./pageMessages";
import en from "./reports.en";
import zhCN from "./reports.zh-CN";

addPageMessages({ en: { reports: en }, "zh-CN": { reports: zhCN } });
