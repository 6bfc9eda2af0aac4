// Texts of attendance pages that few people open, added to the app's messages (under `attendance`)
// when such a page loads rather than with the app: the punch screen's JavaScript budget is tight.
// A page imports `../i18n/admin` or `../i18n/reports` for its side effect, so that the texts are
// there before the router titles the page.
import { i18n } from "@/i18n";

type Messages = Record<string, unknown>;

export function addPageMessages(texts: { en: Messages; "zh-CN": Messages }): void {
  const merge = i18n.global.mergeLocaleMessage as (locale: string, messages: Messages) => void;
  merge("en", { attendance: texts.en });
  merge("zh-CN", { attendance: texts["zh-CN"] });
}
