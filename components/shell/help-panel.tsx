"use client";

import { Keyboard, Server } from "lucide-react";
import { Logo } from "../ui/logo";
import { SettingsPanel, SettingsSection } from "./settings-panel";

const link = "flex items-center gap-5 px-8 py-3 text-[15px] text-ink";

/** Settings › Help: what this app is, its version, and where to read more. */
export function HelpPanel({ onBack, onShortcuts }: { onBack: () => void; onShortcuts: () => void }) {
  return (
    <SettingsPanel title="Help" onBack={onBack} error={null} loading={null}>
      <div className="flex flex-col items-center gap-2 px-8 pt-8 pb-4 text-center">
        <Logo className="size-16" />
        <p className="text-lg text-ink">Chatterbox</p>
        <p className="text-sm text-ink-muted">Version {process.env.NEXT_PUBLIC_APP_VERSION}</p>
        <p className="text-sm text-ink-muted">
          A self-hosted messenger. Your chats are end-to-end encrypted: this server passes them on but can't read them.
        </p>
      </div>
      <SettingsSection title="Learn more" />
      <button type="button" onClick={onShortcuts} className={`${link} w-full text-start hover:bg-hover`}>
        <Keyboard aria-hidden className="size-5 text-ink-muted" />
        Keyboard shortcuts
      </button>
      <p className={link}>
        <Server aria-hidden className="size-5 text-ink-muted" />
        <span>
          This server: <span className="text-ink-muted">{typeof window === "undefined" ? "" : window.location.host}</span>
        </span>
      </p>
      <p className="px-8 pt-6 text-xs text-ink-muted">
        Open source under the MIT license. Your server's administrator runs this copy; ask them for help with your account.
      </p>
    </SettingsPanel>
  );
}
