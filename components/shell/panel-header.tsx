"use client";

import { ArrowLeft } from "lucide-react";
import { useTranslations } from "use-intl";

/** The green header of a side panel (New chat, Profile), with a back button. */
export function PanelHeader({ title, onBack }: { title: string; onBack: () => void }) {
  const t = useTranslations("shell");
  return (
    <header className="flex h-[108px] shrink-0 items-end gap-6 bg-brand-strong px-5 pb-4 text-white dark:bg-panel-header dark:text-ink">
      <button type="button" aria-label={t("back")} onClick={onBack} className="rounded-full p-1 hover:bg-white/10">
        <ArrowLeft aria-hidden className="size-6" />
      </button>
      <h2 className="text-lg font-medium">{title}</h2>
    </header>
  );
}
