"use client";

import { Lock } from "lucide-react";
import { useTranslations } from "use-intl";
import { Logo } from "../ui/logo";

export function WelcomePane() {
  const t = useTranslations("shell.welcome");
  return (
    <section
      aria-label={t("label")}
      className="flex h-full flex-col items-center justify-center gap-6 border-b-[6px] border-brand bg-panel-header px-10 text-center"
    >
      <Logo className="size-24 opacity-90" />
      <h2 className="text-3xl font-light text-ink">{t("title")}</h2>
      <p className="max-w-md text-sm leading-6 text-ink-muted">{t("text")}</p>
      <p className="flex items-center gap-1 text-xs text-ink-muted">
        <Lock aria-hidden className="size-3" /> {t("ownServer")}
      </p>
    </section>
  );
}
