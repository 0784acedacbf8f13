// The message catalogs (messages/<locale>/), loaded on the server for the locale a page renders in.
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
