// Where to go after signing in: only paths inside this app, never another site.

export const HOME_PATH = "/messages";

export function safeRedirect(value: unknown): string {
  const target = Array.isArray(value) ? value[0] : value;
  if (typeof target !== "string") return HOME_PATH;
  // "//evil.example" and "/\evil.example" are protocol-relative URLs to another host.
  if (!target.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")) return HOME_PATH;
  if (target === "/login" || target.startsWith("/login?") || target.startsWith("/login/")) return HOME_PATH;
  return target;
}
