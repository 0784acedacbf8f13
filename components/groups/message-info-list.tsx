import { useId } from "react";
import { useTranslations } from "use-intl";
import { useTimeFormat } from "@/components/i18n/use-time-format";
import type { MessageInfoEntry } from "@/lib/contracts/groups";
import { Avatar } from "../ui/avatar";
import { PaneSection } from "./side-pane";

/** One list of message info under its heading (the list is named by it), each member with the time that applies. */
export function InfoList({
  heading,
  entries,
  time,
  empty,
}: {
  heading: string;
  entries: MessageInfoEntry[];
  /** Which time each entry shows; null for none (not delivered yet). */
  time: "read" | "delivered" | null;
  empty?: string;
}) {
  const t = useTranslations("groups.messageInfo");
  const format = useTimeFormat();
  const headingId = useId();
  const now = new Date();
  return (
    <PaneSection>
      <h3 id={headingId} className="px-8 pb-2 text-sm text-brand-strong dark:text-brand">
        {heading}
      </h3>
      {entries.length === 0 ? (
        <p className="px-8 text-sm text-ink-muted">{empty}</p>
      ) : (
        <ul aria-labelledby={headingId} className="flex flex-col">
          {entries.map((e) => {
            const at = time === "read" ? e.readAt : time === "delivered" ? e.deliveredAt : null;
            return (
              <li key={e.user.id} className="flex items-center gap-3 px-5">
                <Avatar src={e.user.avatarUrl} name={e.user.displayName} size="sm" />
                <span className="flex min-w-0 flex-1 flex-col border-b border-line py-2.5">
                  <span className="truncate text-[15px] text-ink">{e.user.displayName}</span>
                  {at ? (
                    <time dateTime={at} className="text-sm text-ink-muted">
                      {t.rich(time === "read" ? "readAt" : "deliveredAt", {
                        time: format.dayTime(new Date(at), now),
                        sr: (chunks) => <span className="sr-only">{chunks}</span>,
                      })}
                    </time>
                  ) : (
                    <span className="text-sm text-ink-muted">
                      <bdi>@{e.user.username}</bdi>
                    </span>
                  )}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </PaneSection>
  );
}
