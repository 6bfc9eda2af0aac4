// Which UI language to use: pure functions, so that the rules are unit-tested.

export const LANGUAGES = ["zh-CN", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

/** Maps a BCP 47 tag from the browser to one we support: any Chinese → zh-CN, anything else → en. */
export function languageFromBrowserTag(tag: string | undefined): Language {
  return tag?.toLowerCase().startsWith("zh") ? "zh-CN" : "en";
}

/** A choice the user made (stored on this device) wins over the browser's preference. */
export function detectLanguage(stored: string | null, browserTags: readonly string[]): Language {
  if (isLanguage(stored)) return stored;
  return languageFromBrowserTag(browserTags[0]);
}
