// What the server writes for people, in their language: push notifications in each device's
// (PushSubscription.locale), emails in the account's (User.locale), from the same catalogs the app uses.
import type { Messages } from "../lib/i18n/catalog";
import { isLocale, type Locale } from "../lib/i18n/locales";
import { translator } from "../lib/i18n/translator";
import ar from "../messages/ar";
import en from "../messages/en";
import es from "../messages/es";
import pt from "../messages/pt";

const CATALOGS: Record<Locale, Messages> = { en, es, pt, ar };

/** A stored language as one the app speaks (an unknown one is English). */
export const localeOrEnglish = (locale: string): Locale => (isLocale(locale) ? locale : "en");

/** A translator of `namespace` in `locale`. */
export function translatorIn<N extends Parameters<typeof translator>[0]>(namespace: N, locale: string) {
  const language = localeOrEnglish(locale);
  return translator(namespace, language, CATALOGS[language]);
}
