"use client";

import {
  Bell,
  ChevronRight,
  CircleHelp,
  DatabaseBackup,
  Keyboard,
  Lock,
  LogOut,
  type LucideIcon,
  MessageSquareText,
  ShieldCheck,
} from "lucide-react";
import type { Me } from "@/lib/contracts/users";
import { Avatar } from "../ui/avatar";
import { PanelHeader } from "./panel-header";

export type SettingsPage = "profile" | "privacy" | "security" | "notifications" | "chat-settings" | "backup" | "help";

const PAGES: { page: Exclude<SettingsPage, "profile">; label: string; hint: string; Icon: LucideIcon }[] = [
  { page: "privacy", label: "Privacy", hint: "Last seen, blocked contacts, read receipts", Icon: Lock },
  { page: "security", label: "Security", hint: "Encryption, your devices, security codes", Icon: ShieldCheck },
  { page: "notifications", label: "Notifications", hint: "Messages, groups, calls, email", Icon: Bell },
  { page: "chat-settings", label: "Chats", hint: "Theme, wallpaper", Icon: MessageSquareText },
  { page: "backup", label: "Chat backup", hint: "Back up and restore your chats", Icon: DatabaseBackup },
  { page: "help", label: "Help", hint: "About Chatterbox, your server", Icon: CircleHelp },
];

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
  return (
    <div className="flex h-full flex-col animate-slide-in">
      <PanelHeader title="Settings" onBack={onBack} />
      <div className="min-h-0 flex-1 overflow-y-auto bg-panel">
        <button type="button" onClick={() => onOpen("profile")} className={`${row} py-4`}>
          <Avatar src={me.avatarUrl} name={me.displayName} />
          <span className="flex min-w-0 flex-1 flex-col">
            <span className="truncate text-[17px] text-ink">{me.displayName}</span>
            <span className="truncate text-sm text-ink-muted">{me.about || `@${me.username}`}</span>
          </span>
          <ChevronRight aria-hidden className="size-5 text-ink-muted" />
        </button>
        <ul aria-label="Settings" className="border-t border-line">
          {PAGES.map(({ page, label, hint, Icon }) => (
            <li key={page}>
              <button type="button" onClick={() => onOpen(page)} className={row}>
                <Icon aria-hidden className="size-5 shrink-0 text-ink-muted" />
                <span className="flex min-w-0 flex-1 flex-col border-b border-line pb-3.5 -mb-3.5">
                  <span className="text-[16px] text-ink">{label}</span>
                  <span className="truncate text-sm text-ink-muted">{hint}</span>
                </span>
              </button>
            </li>
          ))}
          <li>
            <button type="button" onClick={onShortcuts} className={row}>
              <Keyboard aria-hidden className="size-5 shrink-0 text-ink-muted" />
              <span className="text-[16px] text-ink">Keyboard shortcuts</span>
            </button>
          </li>
          <li>
            <button type="button" onClick={onSignOut} className={`${row} text-danger`}>
              <LogOut aria-hidden className="size-5 shrink-0" />
              <span className="text-[16px]">Sign out</span>
            </button>
          </li>
        </ul>
      </div>
    </div>
  );
}
