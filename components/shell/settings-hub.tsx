"use client";

import {
  Bell,
  ChevronRight,
  CircleHelp,
  DatabaseBackup,
  Keyboard,
  Languages,
  Lock,
  LogOut,
  type LucideIcon,
  MessageSquareText,
  ShieldCheck,
} from "lucide-react";
import { useLocale, useTranslations } from "use-intl";
import type { Me } from "@/lib/contracts/users";
import { LOCALE_NAMES } from "@/lib/i18n/locales";
import { Avatar } from "../ui/avatar";
import { PanelHeader } from "./panel-header";

export type SettingsPage = "profile" | "privacy" | "security" | "notifications" | "chat-settings" | "language" | "backup" | "help";

/** `key`: the page's label and hint in the catalog (shell.settingsHub). */
const PAGES = [
  { page: "privacy", key: "privacy", Icon: Lock },
  { page: "security", key: "security", Icon: ShieldCheck },
  { page: "notifications", key: "notifications", Icon: Bell },
  { page: "chat-settings", key: "chats", Icon: MessageSquareText },
  { page: "language", key: "language", Icon: Languages },
  { page: "backup", key: "backup", Icon: DatabaseBackup },
  { page: "help", key: "help", Icon: CircleHelp },
] as const satisfies readonly { page: Exclude<SettingsPage, "profile">; key: string; Icon: LucideIcon }[];

const row = "flex w-full items-center gap-5 px-6 py-3.5 text-start transition-colors hover:bg-hover focus-visible:bg-hover";

/** Settings: my profile, then each kind of setting, the keyboard shortcuts and signing out (WhatsApp Web's list). */
export function SettingsHub({
  me,
  onBack,
  onOpen,
  onShortcuts,
  onSignOut,
}: {
  me: Me;
  onBack: () => void;
  onOpen: (page: SettingsPage) => void;
  onShortcuts: () => void;
  onSignOut: () => void;
}) {
  const t = useTranslations("shell");
  const locale = useLocale();
  return (
    <div className="flex h-full flex-col animate-slide-in">
      <PanelHeader title={t("settings")} onBack={onBack} />
      <div className="min-h-0 flex-1 overflow-y-auto bg-panel">
        <button type="button" onClick={() => onOpen("profile")} className={`${row} py-4`}>
          <Avatar src={me.avatarUrl} name={me.displayName} />
          <span className="flex min-w-0 flex-1 flex-col">
            <span className="truncate text-[17px] text-ink">{me.displayName}</span>
            <span className="truncate text-sm text-ink-muted">
              <bdi>{me.about || `@${me.username}`}</bdi>
            </span>
          </span>
          <ChevronRight aria-hidden className="size-5 text-ink-muted" />
        </button>
        <ul aria-label={t("settings")} className="border-t border-line">
          {PAGES.map(({ page, key, Icon }) => (
            <li key={page}>
              <button type="button" onClick={() => onOpen(page)} className={row}>
                <Icon aria-hidden className="size-5 shrink-0 text-ink-muted" />
                <span className="flex min-w-0 flex-1 flex-col border-b border-line pb-3.5 -mb-3.5">
                  <span className="text-[16px] text-ink">{t(`settingsHub.pages.${key}`)}</span>
                  <span className="truncate text-sm text-ink-muted">
                    {key === "language" ? LOCALE_NAMES[locale] : t(`settingsHub.hints.${key}`)}
                  </span>
                </span>
              </button>
            </li>
          ))}
          <li>
            <button type="button" onClick={onShortcuts} className={row}>
              <Keyboard aria-hidden className="size-5 shrink-0 text-ink-muted" />
              <span className="text-[16px] text-ink">{t("keyboardShortcuts")}</span>
            </button>
          </li>
          <li>
            <button type="button" onClick={onSignOut} className={`${row} text-danger`}>
              <LogOut aria-hidden className="size-5 shrink-0" />
              <span className="text-[16px]">{t("signOut")}</span>
            </button>
          </li>
        </ul>
      </div>
    </div>
  );
}
