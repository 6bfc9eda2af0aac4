// Adds the report page's texts to the app's messages when the page loads (they are not part of the
// first download: the punch screen's JavaScript budget is tight).
import { i18n } from "@/i18n";

import en from "./reports.en";
import zhCN from "./reports.zh-CN";

let installed = false;

export function installReportMessages(): void {
  if (installed) return;
  installed = true;
  const merge = i18n.global.mergeLocaleMessage as (locale: string, messages: Record<string, unknown>) => void;
  merge("en", { attendance: { reports: en } });
  merge("zh-CN", { attendance: { reports: zhCN } });
}
