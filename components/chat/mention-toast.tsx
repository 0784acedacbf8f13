"use client";

import { AtSign, X } from "lucide-react";
import { useEffect, useState } from "react";
import { useTranslations } from "use-intl";
import { chatTitle, nameOf } from "@/lib/client/group-view";
import type { MentionNotice } from "@/lib/client/messaging-state";
import type { ConversationSummary } from "@/lib/contracts/messaging";
import { Button } from "../ui/button";
import { IconButton } from "../ui/icon-button";
import { useMessaging, useMessagingEngine } from "./use-messaging";

/** How long a notice stays up while neither the pointer nor the focus is on it. */
const SHOWN_MS = 6_000;

/**
 * "Ana mentioned you in Team" and the message, when a message @mentions me in a chat that isn't on screen,
 * with a button that opens the chat. It goes away by itself after a few seconds. On wide screens it sits
 * in the bottom-left corner, over the end of the chat list; on phones it is a slim banner at the top, away
 * from the composer.
 */
export function MentionToast({ onOpen }: { onOpen: (conversationId: string) => void }) {
  const mention = useMessaging((s) => s.mention);
  const conversation = useMessaging((s) => (s.mention ? s.conversations[s.mention.conversationId] : undefined));
  return (
    <div
      role="status"
      className="pointer-events-none absolute inset-x-2 top-2 z-20 flex justify-center md:inset-x-auto md:top-auto md:bottom-6 md:start-6"
    >
      {mention && conversation && <MentionCard key={mention.message.id} mention={mention} conversation={conversation} onOpen={onOpen} />}
    </div>
  );
}

function MentionCard({
  mention,
  conversation,
  onOpen,
}: {
  mention: MentionNotice;
  conversation: ConversationSummary;
  onOpen: (conversationId: string) => void;
}) {
  const t = useTranslations("chat");
  const tGroup = useTranslations("system.groupView");
  const engine = useMessagingEngine();
  const users = useMessaging((s) => s.users);
  const [held, setHeld] = useState(false);
  const { senderId, text } = mention.message;

  useEffect(() => engine.groups.resolveUsers([senderId]), [engine, senderId]);
  useEffect(() => {
    if (held) return;
    const timer = setTimeout(() => engine.store.dismissMention(), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [engine, held]);

  return (
    <article
      aria-label={t("mention.label")}
      onPointerEnter={() => setHeld(true)}
      onPointerLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={() => setHeld(false)}
      className="pointer-events-auto relative flex w-full max-w-md items-center gap-3 rounded-lg bg-panel py-2 pe-2 ps-3 shadow-lg ring-1 ring-line animate-slide-in dark:bg-panel-header"
    >
      <span aria-hidden className="flex size-9 shrink-0 items-center justify-center rounded-full bg-brand text-white dark:text-[#111b21]">
        <AtSign className="size-5" strokeWidth={2.5} />
      </span>
      <div className="min-w-0 flex-1">
        <p className="truncate pe-7 text-sm font-medium text-ink">
          {t("mention.title", { name: nameOf(tGroup, users, senderId), chat: chatTitle(conversation) })}
        </p>
        <div className="flex items-center gap-2">
          <p className="min-w-0 flex-1 truncate text-sm text-ink-muted">{text.replace(/\s+/g, " ")}</p>
          <Button variant="plain" className="h-7! shrink-0 px-2!" onClick={() => onOpen(mention.conversationId)}>
            {t("mention.openChat")}
          </Button>
        </div>
      </div>
      <IconButton label={t("dismiss")} onClick={() => engine.store.dismissMention()} className="absolute top-1 end-1 size-7!">
        <X aria-hidden className="size-4" />
      </IconButton>
    </article>
  );
}
