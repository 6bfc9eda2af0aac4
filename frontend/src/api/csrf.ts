// Django's CSRF protection: the server sets a readable cookie, unsafe requests echo it in a header.

// Production uses the `__Host-` prefix (secure, host-only); development the plain name.
const COOKIE_NAMES = ["__Host-csrftoken", "csrftoken"] as const;

export const CSRF_HEADER = "X-CSRFToken";

export function readCsrfToken(cookies: string = typeof document === "undefined" ? "" : document.cookie): string | null {
  const jar = new Map<string, string>();
  for (const part of cookies.split(";")) {
    const index = part.indexOf("=");
    if (index < 0) continue;
    jar.set(part.slice(0, index).trim(), decodeURIComponent(part.slice(index + 1).trim()));
  }
  for (const name of COOKIE_NAMES) {
    const value = jar.get(name);
    if (value) return value;
  }
  return null;
}

export function isUnsafeMethod(method: string): boolean {
  return !["GET", "HEAD", "OPTIONS", "TRACE"].includes(method.toUpperCase());
}

/** Only our own server paths get the token, never a third-party URL. */
export function needsCsrfToken(method: string, url: URL, origin: string): boolean {
  return (
    isUnsafeMethod(method) &&
    url.origin === origin &&
    (url.pathname.startsWith("/api/") || url.pathname.startsWith("/_allauth/"))
  );
}
