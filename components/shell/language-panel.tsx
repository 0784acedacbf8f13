"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useLocale, useTranslations } from "use-intl";
import { request } from "@/lib/api-client";
import { chooseLocale, chosenLocale } from "@/lib/client/language";
import { updatePushLocale } from "@/lib/client/push";
import { DEFAULT_LOCALE, LOCALE_NAMES, LOCALES, type Locale, preferredLocale } from "@/lib/i18n/locales";
import { RadioGroup } from "../ui/radio-group";
import { SettingsPanel } from "./settings-panel";

/**
 * Settings › Language: this device's language, or the browser's. The page renders again in it on the server
 * (the catalogs and <html lang dir> come from there); chats, drafts and the connection stay as they are.
 */
export function LanguagePanel({ onBack }: { onBack: () => void }) {
  const t = useTranslations("language");
  const locale = useLocale();
  const router = useRouter();
  const [choice, setChoice] = useState(chosenLocale);
  const [pending, startTransition] = useTransition();
  const change = (next: Locale | "browser") => {
    chooseLocale(next);
    setChoice(next);
    startTransition(() => router.refresh());
    // This device's notifications follow (the browser's languages decide as the server's Accept-Language does);
    // if the server can't be told now, they stay in the old language until push is turned on again.
    const locale = next === "browser" ? (preferredLocale(navigator.languages.join(",")) ?? DEFAULT_LOCALE) : next;
    void updatePushLocale(locale).catch(() => {});
    // The account's emails too (the last language chosen on any device).
    void request("PATCH /api/v1/users/me/notifications", { json: { locale } }).catch(() => {});
  };
  return (
    <SettingsPanel title={t("title")} onBack={onBack} error={null} loading={pending ? t("applying") : null}>
      <RadioGroup
        label={t("label")}
        options={[{ value: "browser" as const, label: t("browser") }, ...LOCALES.map((value) => ({ value, label: LOCALE_NAMES[value] }))]}
        value={choice}
        onChange={change}
      />
      <p className="px-8 pt-2 text-sm text-ink-muted">{t("note", { language: LOCALE_NAMES[locale] })}</p>
    </SettingsPanel>
  );
}
