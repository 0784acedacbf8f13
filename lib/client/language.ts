// This device's language (Settings > Language): a cookie the server reads to render every page in it
// (lib/i18n/locales.ts); without one, the browser's languages decide.
import { isLocale, LOCALE_COOKIE, type Locale } from "@/lib/i18n/locales";
import { readCookie, writeCookie } from "./cookies";

/** The language this device chose, or "browser" to follow the browser's. */
export function chosenLocale(): Locale | "browser" {
  const value = readCookie(LOCALE_COOKIE);
  return isLocale(value) ? value : "browser";
}

export function chooseLocale(choice: Locale | "browser"): void {
  writeCookie(LOCALE_COOKIE, choice === "browser" ? null : choice);
}
