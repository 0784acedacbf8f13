"use client";

import { Check } from "lucide-react";
import { useState } from "react";
import { useTranslations } from "use-intl";
import type { PublicUser } from "@/lib/contracts/users";
import { PanelHeader } from "../shell/panel-header";
import { Avatar } from "../ui/avatar";

/** Picks people from my contacts for a status list ("My contacts except…" or "Only share with…"). */
export function AudiencePanel({
  title,
  contacts,
  selected,
  onDone,
  onBack,
}: {
  title: string;
  contacts: PublicUser[];
  selected: string[];
  onDone: (ids: string[]) => void;
  onBack: () => void;
}) {
  const t = useTranslations("privacy.audience");
  const [chosen, setChosen] = useState(new Set(selected));
  const toggle = (id: string) =>
    setChosen((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  return (
    <div className="relative flex h-full flex-col animate-slide-in">
      <PanelHeader title={title} onBack={onBack} />
      <div className="min-h-0 flex-1 overflow-y-auto bg-panel pb-24">
        {contacts.length === 0 ? (
          <p className="px-8 py-10 text-center text-sm text-ink-muted">{t("empty")}</p>
        ) : (
          <ul aria-label={title} className="flex flex-col">
            {contacts.map((u) => (
              <li key={u.id}>
                <label className="flex cursor-pointer items-center gap-3 px-3 hover:bg-hover">
                  <Avatar src={u.avatarUrl} name={u.displayName} />
                  <span className="flex min-w-0 flex-1 items-center gap-3 border-b border-line py-3 pe-4">
                    <span className="min-w-0 flex-1 truncate text-[17px] text-ink">{u.displayName}</span>
                    <input
                      type="checkbox"
                      checked={chosen.has(u.id)}
                      onChange={() => toggle(u.id)}
                      aria-label={u.displayName}
                      className="size-[18px] accent-brand-strong dark:accent-brand"
                    />
                  </span>
                </label>
              </li>
            ))}
          </ul>
        )}
      </div>
      <button
        type="button"
        aria-label={t("done")}
        title={t("done")}
        onClick={() => onDone([...chosen])}
        className="absolute end-8 bottom-8 flex size-14 items-center justify-center rounded-full bg-brand text-white shadow-lg hover:bg-brand-strong dark:text-[#111b21]"
      >
        <Check aria-hidden className="size-6" />
      </button>
    </div>
  );
}
