// The locale and translator of the request being rendered (server components, metadata).
import { cookies, headers } from "next/headers";
import { createTranslator, type NamespaceKeys, type NestedKeyOf } from "use-intl/core";
import { type Messages, messagesFor } from "./catalog";
import { LOCALE_COOKIE, type Locale, localeOf } from "./locales";

export async function requestLocale(): Promise<Locale> {
  const [jar, head] = await Promise.all([cookies(), headers()]);
  return localeOf(jar.get(LOCALE_COOKIE)?.value, head.get("accept-language"));
}

export async function getTranslator<N extends NamespaceKeys<Messages, NestedKeyOf<Messages>>>(namespace: N) {
  const locale = await requestLocale();
  return createTranslator({ locale, messages: await messagesFor(locale), namespace });
}
