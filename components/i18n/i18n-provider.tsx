"use client";

// Hands the page's locale and its catalog to every component (useTranslations, useLocale).
import type { ReactNode } from "react";
import { IntlProvider } from "use-intl";
import type { Messages } from "@/lib/i18n/catalog";
import type { Locale } from "@/lib/i18n/locales";

export function I18nProvider({ locale, messages, children }: { locale: Locale; messages: Messages; children: ReactNode }) {
  return (
    <IntlProvider locale={locale} messages={messages}>
      {children}
    </IntlProvider>
  );
}
