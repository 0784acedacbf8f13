"use client";

import { Keyboard, Server } from "lucide-react";
import { useTranslations } from "use-intl";
import { Logo } from "../ui/logo";
import { SettingsPanel, SettingsSection } from "./settings-panel";

const link = "flex items-center gap-5 px-8 py-3 text-[15px] text-ink";

/** Settings › Help: what this app is, its version, and where to read more. */
export function HelpPanel({ onBack, onShortcuts }: { onBack: () => void; onShortcuts: () => void }) {
  const t = useTranslations("shell");
  return (
    <SettingsPanel title={t("settingsHub.pages.help")} onBack={onBack} error={null} loading={null}>
      <div className="flex flex-col items-center gap-2 px-8 pt-8 pb-4 text-center">
        <Logo className="size-16" />
        <p className="text-lg text-ink">Chatterbox</p>
        <p className="text-sm text-ink-muted">{t("help.version", { version: process.env.NEXT_PUBLIC_APP_VERSION ?? "" })}</p>
        <p className="text-sm text-ink-muted">{t("help.about")}</p>
      </div>
      <SettingsSection title={t("help.learnMore")} />
      <button type="button" onClick={onShortcuts} className={`${link} w-full text-start hover:bg-hover`}>
        <Keyboard aria-hidden className="size-5 text-ink-muted" />
        {t("keyboardShortcuts")}
      </button>
      <p className={link}>
        <Server aria-hidden className="size-5 text-ink-muted" />
        <span>
          {t.rich("help.server", {
            host: typeof window === "undefined" ? "" : window.location.host,
            muted: (chunks) => <span className="text-ink-muted">{chunks}</span>,
          })}
        </span>
      </p>
      <p className="px-8 pt-6 text-xs text-ink-muted">{t("help.license")}</p>
    </SettingsPanel>
  );
}
