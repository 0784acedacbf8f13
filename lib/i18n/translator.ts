// A translator outside React (tests of lib/ functions, the server's English texts) over a catalog at hand.
import { createTranslator, type NamespaceKeys, type NestedKeyOf } from "use-intl/core";
import en from "@/messages/en";
import type { Messages, Translator } from "./catalog";
import type { Locale } from "./locales";

export function translator<N extends NamespaceKeys<Messages, NestedKeyOf<Messages>>>(
  namespace: N,
  locale: Locale = "en",
  messages: Messages = en,
): Translator<N> {
  return createTranslator({ locale, messages, namespace });
}
