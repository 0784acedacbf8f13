"use client";

// Hands the page's locale and its catalog to every component (useTranslations, useLocale).
import type { ReactNode } from "react";
import { IntlProvider } from "use-intl";
import type { Messages } from "@/lib/i18n/catalog";
import type { Locale } from "@/lib/i18n/locales";
import { setTextLocale } from "@/lib/i18n/text";

export function I18nProvider({
  locale,
  messages,
  timeZone,
  children,
}: {
  locale: Locale;
  messages: Messages;
  /** The server's zone, the same in its render and the browser's; times are shown in the browser's own zone by lib/client/format-time, not by use-intl. */
  timeZone: string;
  children: ReactNode;
}) {
  // Errors made outside React (the server's, the schemas', the engine's) in the page's language too; in the
  // browser only, where one page has one language (the server renders many at once).
  if (typeof window !== "undefined") setTextLocale(locale, messages);
  return (
    <IntlProvider locale={locale} messages={messages} timeZone={timeZone}>
      {children}
    </IntlProvider>
  );
}
