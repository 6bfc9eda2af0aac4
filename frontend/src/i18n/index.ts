// vue-i18n set-up and the one function that switches the UI language everywhere at once.
import { Locale } from "vant";
import vantEnUS from "vant/es/locale/lang/en-US";
import vantZhCN from "vant/es/locale/lang/zh-CN";
import { createI18n } from "vue-i18n";

import { setRequestLanguage } from "@/api/http";
import { storedLanguage, storeLanguage } from "@/offline/storage";

import { detectLanguage, type Language } from "./language";
import en, { type Messages } from "./locales/en";
import zhCN from "./locales/zh-CN";

export type { Language } from "./language";

export const i18n = createI18n<[Messages], Language, false>({
  legacy: false,
  locale: "en",
  fallbackLocale: "en",
  messages: { "zh-CN": zhCN, en },
  missingWarn: import.meta.env.DEV,
  fallbackWarn: import.meta.env.DEV,
});

const vantLocales = { "zh-CN": vantZhCN, en: vantEnUS } as const;
const vantLocaleNames = { "zh-CN": "zh-CN", en: "en-US" } as const;

export function currentLanguage(): Language {
  return i18n.global.locale.value;
}

/** Switches vue-i18n, Vant's own texts, <html lang> and the Accept-Language of our requests. */
export function applyLanguage(language: Language, options: { persist: boolean }): void {
  i18n.global.locale.value = language;
  Locale.use(vantLocaleNames[language], vantLocales[language]);
  setRequestLanguage(language);
  if (typeof document !== "undefined") {
    document.documentElement.lang = language;
    document.title = i18n.global.t("app.name");
  }
  if (options.persist) storeLanguage(language);
}

export function applyInitialLanguage(): Language {
  const browserTags = typeof navigator === "undefined" ? [] : [...(navigator.languages ?? []), navigator.language];
  const language = detectLanguage(storedLanguage(), browserTags);
  applyLanguage(language, { persist: false });
  return language;
}
