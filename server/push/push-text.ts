// What notifications say, in each device's language (PushSubscription.locale, sent by the app when it turns
// push on and when Settings › Language changes): the words around the message ("New message", "Incoming
// voice call") and what a message carries ("Photo", "Voice message (0:07)").
import type { Locale } from "../../lib/i18n/locales";
import { localeOrEnglish, translatorIn } from "../i18n";

const made = new Map<
  Locale,
  { push: ReturnType<typeof translatorIn<"push">>; preview: ReturnType<typeof translatorIn<"system.preview">> }
>();

export type PushText = NonNullable<ReturnType<typeof made.get>>;

/** The texts of a language (an unknown one is English), made once. */
export function pushText(locale: string): PushText {
  const language = localeOrEnglish(locale);
  let text = made.get(language);
  if (!text) {
    text = { push: translatorIn("push", language), preview: translatorIn("system.preview", language) };
    made.set(language, text);
  }
  return text;
}
