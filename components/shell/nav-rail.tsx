"use client";

import { CircleDashed, MessageSquareText, Phone, Settings } from "lucide-react";
import { useTranslations } from "use-intl";

export type Section = "chats" | "calls" | "status" | "settings";

const SECTIONS = [
  { id: "chats", Icon: MessageSquareText },
  { id: "calls", Icon: Phone },
  { id: "status", Icon: CircleDashed },
  // At the bottom of the rail, as WhatsApp Web's.
  { id: "settings", Icon: Settings },
] as const;

/**
 * WhatsApp Web's left rail: Chats, Calls and Status (with a green dot while there are status updates I
 * haven't seen), and Settings at the bottom; on a phone, the tab bar at the bottom of the screen.
 */
export function NavRail({
  section,
  unseenStatus,
  onChange,
  className = "",
}: {
  section: Section;
  unseenStatus: boolean;
  onChange: (section: Section) => void;
  className?: string;
}) {
  const t = useTranslations("shell");
  return (
    <nav
      aria-label={t("navRail.label")}
      // A phone's tab bar along the bottom; a wider screen's rail down the left.
      className={`h-14 shrink-0 flex-row items-center justify-around border-t border-line bg-panel-header md:h-auto md:w-16 md:flex-col md:justify-start md:gap-2 md:border-t-0 md:border-e md:py-3 ${className}`}
    >
      {SECTIONS.map(({ id, Icon }) => {
        const label = t(id);
        const dot = id === "status" && unseenStatus;
        return (
          <button
            key={id}
            type="button"
            aria-label={dot ? t("navRail.newUpdates", { section: label }) : label}
            title={label}
            aria-current={section === id ? "page" : undefined}
            data-bottom={id === "settings" || undefined}
            onClick={() => onChange(id)}
            className="relative flex size-10 md:data-[bottom]:mt-auto items-center justify-center rounded-full text-ink-muted transition-colors hover:bg-black/5 aria-[current=page]:bg-black/10 aria-[current=page]:text-ink dark:hover:bg-white/10 dark:aria-[current=page]:bg-white/15"
          >
            <Icon aria-hidden className="size-6" strokeWidth={section === id ? 2.25 : 1.75} />
            {dot && <span aria-hidden className="absolute top-1.5 end-1.5 size-2.5 rounded-full border-2 border-panel-header bg-brand" />}
          </button>
        );
      })}
    </nav>
  );
}
