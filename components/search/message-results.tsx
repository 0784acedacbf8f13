"use client";

import { Star } from "lucide-react";
import { useTranslations } from "use-intl";
import { useTimeFormat } from "@/components/i18n/use-time-format";
import { chatTitle, nameOf } from "@/lib/client/group-view";
import { highlightParts } from "@/lib/client/highlight";
import type { ChatMessage } from "@/lib/contracts/messaging";
import { previewText } from "@/lib/shared/message-preview";
import { useMessaging, useMessagingEngine } from "../chat/use-messaging";

/** Text with the searched words marked. */
export function Highlighted({ text, query }: { text: string; query: string }) {
  return (
    <>
      {highlightParts(text, query).map((part, i) =>
        part.match ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed text, in order.
          <mark key={i} className="bg-transparent font-semibold text-brand-strong dark:text-brand">
            {part.text}
          </mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: as above.
          <span key={i}>{part.text}</span>
        ),
      )}
    </>
  );
}

/**
 * Found or starred messages: when, in which chat (`showChat`), who sent it and its text with the search
 * words marked. Choosing one goes to it in its chat.
 */
export function MessageResults({
  label,
  messages,
  query = "",
  showChat = false,
  starred = false,
  onOpen,
}: {
  label: string;
  messages: ChatMessage[];
  query?: string;
  showChat?: boolean;
  starred?: boolean;
  onOpen: (message: ChatMessage) => void;
}) {
  const t = useTranslations("search");
  const tPreview = useTranslations("system.preview");
  const tGroup = useTranslations("system.groupView");
  const time = useTimeFormat();
  const conversations = useMessaging((s) => s.conversations);
  const users = useMessaging((s) => s.users);
  const me = useMessagingEngine().me;
  return (
    <ul aria-label={label} className="bg-panel">
      {messages.map((m) => {
        const chat = conversations[m.conversationId];
        const sender =
          m.senderId === me ? t("you") : chat?.peer?.id === m.senderId ? chat.peer.displayName : nameOf(tGroup, users, m.senderId);
        const text = previewText(tPreview, m);
        return (
          <li key={m.id}>
            <button
              type="button"
              onClick={() => onOpen(m)}
              className="flex w-full flex-col gap-0.5 border-b border-line px-6 py-3 text-start hover:bg-hover focus:bg-hover focus:outline-none"
            >
              <span className="flex items-center gap-2 text-xs text-ink-muted">
                <span className="min-w-0 flex-1 truncate">
                  {showChat && chat ? `${chatTitle(chat)} · ` : ""}
                  {sender}
                </span>
                {starred && <Star aria-label={t("starred")} className="size-3 fill-current" />}
                <time dateTime={m.createdAt}>{time.day(new Date(m.createdAt), new Date())}</time>
              </span>
              <span className="line-clamp-2 text-sm text-ink [overflow-wrap:anywhere]">
                <Highlighted text={text} query={query} />
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
