"use client";

import { DatabaseBackup, X } from "lucide-react";
import { useState } from "react";
import { useKeyBackup } from "./use-key-backup";

/**
 * Above the chat list of a device that can't read the user's backed-up history yet (a new device: the
 * backup is there, its key isn't): a way to the Chat backup screen to restore it. Checked once the app
 * has loaded its encryption; dismissed for this visit.
 */
export function RestoreBanner({ onRestore }: { onRestore: () => void }) {
  const { backup } = useKeyBackup("when loaded");
  const [dismissed, setDismissed] = useState(false);
  if (backup.state !== "locked" || dismissed) return null;
  return (
    <section aria-label="Restore chat history" className="flex items-center gap-3 bg-brand/10 px-4 py-3 text-sm text-ink">
      <DatabaseBackup aria-hidden className="size-5 shrink-0 text-brand-strong dark:text-brand" />
      <span className="flex-1">Your chat history is backed up. Restore it to read older messages on this device.</span>
      <button
        type="button"
        onClick={onRestore}
        className="rounded-full px-3 py-1 font-medium text-brand-strong hover:bg-black/5 dark:text-brand dark:hover:bg-white/5"
      >
        Restore
      </button>
      <button
        type="button"
        aria-label="Not now"
        onClick={() => setDismissed(true)}
        className="rounded-full p-0.5 hover:bg-black/5 dark:hover:bg-white/5"
      >
        <X aria-hidden className="size-4" />
      </button>
    </section>
  );
}
