// vue-i18n set-up and the one function that switches the UI language everywhere at once. Each
// language's texts are a chunk of their own, loaded when the language is first used: a phone
// downloads one language, not both (a test keeps the two complete and alike).
import { Locale } from "vant";
import { createI18n } from "vue-i18n";

import { setRequestLanguage } from "@/api/http";
import { storedLanguage, storeLanguage } from "@/offline/storage";

import { detectLanguage, type Language } from "./language";
import type { Messages } from "./locales/en";

export type { Language } from "./language";

export const i18n = createI18n<[Messages], Language, false>({
  legacy: false,
  locale: "en",
  fallbackLocale: "en",
  messages: {} as Record<Language, Messages>,
  missingWarn: import.meta.env.DEV,
  fallbackWarn: import.meta.env.DEV,
});

const loaders: Record<Language, () => Promise<[Messages, Record<string, unknown>]>> = {
  "zh-CN": () =>
    Promise.all([import("./locales/zh-CN").then((m) => m.default), import("vant/es/locale/lang/zh-CN").then((m) => m.default)]),
  en: () => Promise.all([import("./locales/en").then((m) => m.default), import("vant/es/locale/lang/en-US").then((m) => m.default)]),
};
const vantLocales: Partial<Record<Language, Record<string, unknown>>> = {};
const vantLocaleNames = { "zh-CN": "zh-CN", en: "en-US" } as const;

let latestRequest = 0;

async function load(language: Language): Promise<void> {
  if (vantLocales[language]) return;
  const [messages, vantMessages] = await loaders[language]();
  i18n.global.mergeLocaleMessage(language, messages); // merge: a page may have added its own texts already
  vantLocales[language] = vantMessages;
}

export function currentLanguage(): Language {
  return i18n.global.locale.value;
}

/** Loads the language's texts (once), then switches to it everywhere. */
export async function applyLanguage(language: Language, options: { persist: boolean }): Promise<void> {
  const request = ++latestRequest;
  await load(language);
  if (request !== latestRequest) return; // chosen again meanwhile: the later choice wins
  switchLanguage(language, options);
}

/** Switches vue-i18n, Vant's own texts, <html lang> and the Accept-Language of our requests to a
 * language whose texts are loaded. */
export function switchLanguage(language: Language, options: { persist: boolean }): void {
  const vantMessages = vantLocales[language];
  if (!vantMessages) throw new Error(`the texts of ${language} are not loaded`);
  latestRequest += 1;
  i18n.global.locale.value = language;
  Locale.use(vantLocaleNames[language], vantMessages);
  setRequestLanguage(language);
  if (typeof document !== "undefined") {
    document.documentElement.lang = language;
    document.title = i18n.global.t("app.name");
  }
  if (options.persist) storeLanguage(language);
}

export async function applyInitialLanguage(): Promise<Language> {
  const browserTags = typeof navigator === "undefined" ? [] : [...(navigator.languages ?? []), navigator.language];
  const language = detectLanguage(storedLanguage(), browserTags);
  await applyLanguage(language, { persist: false });
  return language;
}
