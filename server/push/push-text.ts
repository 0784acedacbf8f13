// What notifications say, in each device's language (PushSubscription.locale, sent by the app when it turns
// push on and when Settings › Language changes): the words around the message ("New message", "Incoming
// voice call") and what a message carries ("Photo", "Voice message (0:07)").
import { isLocale, type Locale } from "../../lib/i18n/locales";
import { translator } from "../../lib/i18n/translator";
import ar from "../../messages/ar";
import en from "../../messages/en";
import es from "../../messages/es";
import pt from "../../messages/pt";

const CATALOGS = { en, es, pt, ar } satisfies Record<Locale, unknown>;

export interface PushText {
  push: ReturnType<typeof translator<"push">>;
  preview: ReturnType<typeof translator<"system.preview">>;
}

const made = new Map<Locale, PushText>();

/** The texts of a language (an unknown one is English). */
export function pushText(locale: string): PushText {
  const language = isLocale(locale) ? locale : "en";
  let text = made.get(language);
  if (!text) {
    text = { push: translator("push", language, CATALOGS[language]), preview: translator("system.preview", language, CATALOGS[language]) };
    made.set(language, text);
  }
  return text;
}
