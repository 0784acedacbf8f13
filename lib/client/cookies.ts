// This device's own preferences kept in cookies (theme, wallpaper, language), so the server renders the
// page in them from the first paint. Nothing in them is secret.

const YEAR = 365 * 24 * 3600;

export function readCookie(name: string): string | undefined {
  return document.cookie
    .split("; ")
    .find((c) => c.startsWith(`${name}=`))
    ?.slice(name.length + 1);
}

/** Keeps a preference for a year; null forgets it. */
export function writeCookie(name: string, value: string | null): void {
  // biome-ignore lint/suspicious/noDocumentCookie: synchronous, before the next paint, in every browser (the Cookie Store API is async and newer).
  document.cookie = `${name}=${value ?? ""}; path=/; max-age=${value === null ? 0 : YEAR}; samesite=lax`;
}
