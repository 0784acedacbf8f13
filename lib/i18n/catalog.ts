// The message catalogs (messages/<locale>/), loaded on the server for the locale a page renders in.
import type { createTranslator, NamespaceKeys, NestedKeyOf } from "use-intl/core";
import type en from "@/messages/en";
import type { Locale } from "./locales";

export type Messages = typeof en;

const CATALOGS: Record<Locale, () => Promise<{ default: Messages }>> = {
  en: () => import("@/messages/en"),
  es: () => import("@/messages/es"),
  pt: () => import("@/messages/pt"),
  ar: () => import("@/messages/ar"),
};

export async function messagesFor(locale: Locale): Promise<Messages> {
  return (await CATALOGS[locale]()).default;
}

/**
 * A translator for one namespace, as `useTranslations(namespace)` gives it: lib/ functions that put text
 * together take one (their tests make one with `translator()` of ./translator.ts).
 */
export type Translator<N extends NamespaceKeys<Messages, NestedKeyOf<Messages>>> = ReturnType<typeof createTranslator<Messages, N>>;
