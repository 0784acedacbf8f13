"use client";

import { ChevronDown } from "lucide-react";
import { useTranslations } from "use-intl";
import { starKey } from "@/lib/client/messaging-state";
import { DEFAULT_EDIT_WINDOW_MINUTES } from "@/lib/contracts/message-actions";
import type { ChatMessage } from "@/lib/contracts/messaging";
import { Menu, type MenuItem } from "../../shell/menu";
import { useMessaging, useMessagingEngine } from "../use-messaging";
import { useChatActions } from "./chat-actions";

/**
 * A message's menu: the chevron in its corner (shown on hover or focus, always on touch screens), also
 * opened by a right-click on the bubble. What it offers depends on the message and on whether I may
 * still write in the chat.
 */
export function MessageMenu({
  message,
  mine,
  canWrite,
  canPin,
  pinned,
  onReact,
}: {
  message: ChatMessage;
  mine: boolean;
  /** A current member who may send here (replying, reacting and editing need that). */
  canWrite: boolean;
  /** I may pin messages in this chat, and whether this one is pinned. */
  canPin: boolean;
  pinned: boolean;
  onReact: () => void;
}) {
  const t = useTranslations("chatActions");
  const engine = useMessagingEngine();
  const actions = useChatActions();
  const starred = useMessaging((s) => s.starred[starKey(message.conversationId, message.seq)] === true);
  const ref = { conversationId: message.conversationId, seq: message.seq };
  const run = (action: Promise<void>) => void action.catch((e: Error) => actions.fail(e.message));
  const deleted = message.type === "deleted";
  const editable = mine && message.type === "text" && Date.now() - Date.parse(message.createdAt) < DEFAULT_EDIT_WINDOW_MINUTES * 60_000;
  const items: MenuItem[] = [
    ...(canWrite && !deleted ? [{ label: t("messageMenu.reply"), onSelect: () => actions.reply(message) }] : []),
    ...(canWrite && !deleted ? [{ label: t("messageMenu.react"), onSelect: onReact }] : []),
    ...(!deleted && message.text ? [{ label: t("messageMenu.copy"), onSelect: () => actions.copy(message) }] : []),
    ...(!deleted ? [{ label: t("forward"), onSelect: () => actions.forward(message) }] : []),
    ...(!deleted
      ? [{ label: starred ? t("messageMenu.unstar") : t("messageMenu.star"), onSelect: () => run(engine.star(ref, !starred)) }]
      : []),
    ...(canPin && (pinned || !deleted)
      ? [{ label: pinned ? t("unpin") : t("messageMenu.pin"), onSelect: () => run(engine.pin(ref, !pinned)) }]
      : []),
    ...(canWrite && editable ? [{ label: t("messageMenu.edit"), onSelect: () => actions.edit(message) }] : []),
    { label: t("messageMenu.select"), onSelect: () => actions.select(message) },
    { label: t("delete"), onSelect: () => actions.remove(message), danger: true },
    ...(mine && !deleted ? [{ label: t("messageInfo"), onSelect: () => actions.info(message.seq) }] : []),
  ];
  return (
    <Menu
      label={t("messageMenu.options")}
      items={items}
      align={mine ? "right" : "left"}
      className="absolute top-0.5 end-0.5 z-10 opacity-0 transition-opacity group-hover:opacity-100 focus-within:opacity-100 has-[[aria-expanded=true]]:opacity-100 pointer-coarse:opacity-100"
      buttonClass="size-7! rounded-full bg-inherit"
      trigger={<ChevronDown aria-hidden className="size-5" />}
    />
  );
}
