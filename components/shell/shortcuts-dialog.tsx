"use client";

import { useSyncExternalStore } from "react";
import { useTranslations } from "use-intl";
import { modifierNames, SHORTCUTS } from "@/lib/client/shortcuts";
import { Button } from "../ui/button";
import { Modal } from "../ui/modal";

const platform = () => navigator.platform;

/** Keyboard shortcuts: each one's keys, with this device's names for the modifiers. */
export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useTranslations("shell");
  const tShortcut = useTranslations("shortcuts");
  const [ctrl, alt] = modifierNames(useSyncExternalStore(noChange, platform, () => ""));
  return (
    <Modal open={open} title={t("keyboardShortcuts")} onClose={onClose} className="w-[min(94vw,640px)] p-6">
      <ul className="mt-4 grid gap-x-8 gap-y-3 sm:grid-cols-2">
        {SHORTCUTS.map((s) => (
          <li key={s.id} className="flex items-center justify-between gap-3 text-sm">
            <span className="text-ink">{tShortcut(s.id)}</span>
            <span className="flex gap-1">
              {[ctrl, alt, ...s.keys].map((k) => (
                <kbd
                  key={k}
                  className="min-w-7 rounded border border-line bg-panel-header px-1.5 py-0.5 text-center font-sans text-xs text-ink-muted"
                >
                  {k}
                </kbd>
              ))}
            </span>
          </li>
        ))}
      </ul>
      <div className="mt-6 flex justify-end">
        <Button onClick={onClose}>{t("shortcutsDialog.ok")}</Button>
      </div>
    </Modal>
  );
}

const noChange = () => () => {};
