// The languages the app speaks, and which one a device gets: its own choice (Settings > Language, a cookie
// like the theme's, so the server renders the first paint in it), else the browser's preferred languages
// (Accept-Language), else English. Browser-safe: the settings panel uses it too.

export const LOCALES = ["en", "es", "pt", "ar"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";
export const LOCALE_COOKIE = "chatterbox-locale";

/** Each language by its own name, as language pickers show them. */
export const LOCALE_NAMES: Record<Locale, string> = { en: "English", es: "Español", pt: "Português", ar: "العربية" };

const RIGHT_TO_LEFT = new Set<Locale>(["ar"]);

export function isLocale(value: string | undefined): value is Locale {
  return LOCALES.includes(value as Locale);
}

export function directionOf(locale: Locale): "ltr" | "rtl" {
  return RIGHT_TO_LEFT.has(locale) ? "rtl" : "ltr";
}

/**
 * The first of the browser's languages (an Accept-Language header, "pt-BR,pt;q=0.9,en;q=0.8") that the app
 * speaks, matched on the language alone ("pt-BR" is Portuguese); null when none is.
 */
export function preferredLocale(acceptLanguage: string | null | undefined): Locale | null {
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { language: tag.split("-")[0]?.toLowerCase(), weight: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((entry) => entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  return ranked.map((entry) => entry.language).find(isLocale) ?? null;
}

/** The locale a request is shown in: the device's choice, else the browser's, else English. */
export function localeOf(choice: string | undefined, acceptLanguage: string | null | undefined): Locale {
  return isLocale(choice) ? choice : (preferredLocale(acceptLanguage) ?? DEFAULT_LOCALE);
}
