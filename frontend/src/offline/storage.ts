// The only things this app keeps in browser storage: the chosen UI language and the last display
// name (to greet the user when the app opens offline). Nothing secret ever goes here.

const LANGUAGE_KEY = "officium.language";
const LAST_USER_KEY = "officium.lastUser";

// Storage can throw (disabled cookies, Safari private mode); the app works without it.
function read(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    globalThis.localStorage?.setItem(key, value);
  } catch {
    // Not persisting a preference is acceptable.
  }
}

export function storedLanguage(): string | null {
  return read(LANGUAGE_KEY);
}

export function storeLanguage(language: string): void {
  write(LANGUAGE_KEY, language);
}

export function lastKnownDisplayName(): string | null {
  return read(LAST_USER_KEY);
}

export function rememberDisplayName(displayName: string): void {
  write(LAST_USER_KEY, displayName);
}
