// Adds the documents pages' texts to the app's messages when one of those pages loads. A page imports
// this module for its side effect, so that the texts are there before the router titles the page.
import { i18n } from "@/i18n";

import en from "./pages.en";
import zhCN from "./pages.zh-CN";

const merge = i18n.global.mergeLocaleMessage as (locale: string, messages: Record<string, unknown>) => void;
merge("en", { documents: en });
merge("zh-CN", { documents: zhCN });
