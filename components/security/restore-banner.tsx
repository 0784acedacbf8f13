"use client";

import { DatabaseBackup, X } from "lucide-react";
import { useState } from "react";
import { useTranslations } from "use-intl";
import { useKeyBackup } from "./use-key-backup";

/**
 * Above the chat list of a device that can't read the user's backed-up history yet (a new device: the
 * backup is there, its key isn't): a way to the Chat backup screen to restore it. Checked once the app
 * has loaded its encryption; dismissed for this visit.
 */
export function RestoreBanner({ onRestore }: { onRestore: () => void }) {
  const t = useTranslations("security");
  const { backup } = useKeyBackup("onLoad");
  const [dismissed, setDismissed] = useState(false);
  if (backup.state !== "locked" || dismissed) return null;
  return (
    <section aria-label={t("restoreBanner.label")} className="flex items-center gap-3 bg-brand/10 px-4 py-3 text-sm text-ink">
      <DatabaseBackup aria-hidden className="size-5 shrink-0 text-brand-strong dark:text-brand" />
      <span className="flex-1">{t("restoreBanner.body")}</span>
      <button
        type="button"
        onClick={onRestore}
        className="rounded-full px-3 py-1 font-medium text-brand-strong hover:bg-black/5 dark:text-brand dark:hover:bg-white/5"
      >
        {t("restore")}
      </button>
      <button
        type="button"
        aria-label={t("restoreBanner.notNow")}
        onClick={() => setDismissed(true)}
        className="rounded-full p-0.5 hover:bg-black/5 dark:hover:bg-white/5"
      >
        <X aria-hidden className="size-4" />
      </button>
    </section>
  );
}
