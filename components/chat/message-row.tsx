import { ChevronsRight, Forward, Lock, ShieldAlert, Star } from "lucide-react";
import { memo, useState } from "react";
import { useTranslations } from "use-intl";
import { useTimeFormat } from "@/components/i18n/use-time-format";
import { e2eeOf } from "@/lib/client/e2ee/message-opener";
import { canPin, nameOf as nameOfUser, sendBlock } from "@/lib/client/group-view";
import { pendingContent } from "@/lib/client/message-preview";
import { starKey } from "@/lib/client/messaging-state";
import type { OutboxItem } from "@/lib/client/outbox";
import type { ChatItem } from "@/lib/client/selectors";
import { forwardLabel, type MessageType, messageStatus, quoteOf } from "@/lib/contracts/messaging";
import type { PublicUser } from "@/lib/contracts/users";
import type { Mentionable } from "@/lib/shared/mentions";
import type { MessageContent } from "@/lib/shared/message-preview";
import { StatusQuoteBlock } from "../status/status-quote-block";
import { useChatActions } from "./actions/chat-actions";
import { MessageMenu } from "./actions/message-menu";
import { QuotedMessageBlock } from "./actions/quoted-message";
import { ReactionPicker, ReactionSummary } from "./actions/reactions";
import { Selectable } from "./actions/selection";
import { MessageAttachment } from "./attachments/message-attachment";
import { LinkPreviewCard } from "./link-preview-card";
import { MessageBubble } from "./message-bubble";
import { useMessaging, useMessagingEngine } from "./use-messaging";
import { useObjectUrl } from "./use-object-url";
import type { GroupView } from "./use-sender-names";

const NO_MENTIONS: Mentionable = new Map();

/** The day chip: between days in the list, and floating at the top for the day being read. */
export function DayChip({ at, floating = false }: { at: Date; floating?: boolean }) {
  const time = useTimeFormat();
  return (
    <span
      className={`rounded-lg bg-panel px-3 py-1.5 text-xs uppercase text-ink-muted shadow-sm dark:bg-[#182229] ${floating ? "pointer-events-none" : ""}`}
    >
      {time.day(at, new Date())}
    </span>
  );
}

interface RowProps {
  item: ChatItem;
  conversationId: string;
  /** Names and mentions in a group; null in a direct chat. */
  group: GroupView | null;
  onInfo: (seq: number) => void;
  /** A shared contact card's "Message" button. */
  onOpenUser: (user: { id: string; displayName: string }) => void;
}

/** Rows are rebuilt with the list: one is the same when its fields are (its dates by time), and its other props too. */
function sameRow(a: RowProps, b: RowProps): boolean {
  const x = a.item as Record<string, unknown>;
  const y = b.item as Record<string, unknown>;
  const sameItem =
    x === y ||
    (Object.keys(x).length === Object.keys(y).length &&
      Object.keys(x).every(
        (k) => Object.is(x[k], y[k]) || (x[k] instanceof Date && y[k] instanceof Date && x[k].getTime() === y[k].getTime()),
      ));
  return sameItem && a.conversationId === b.conversationId && a.group === b.group && a.onInfo === b.onInfo && a.onOpenUser === b.onOpenUser;
}

/**
 * One row of the message list: a day separator, a group event, a message, or one of my pending messages.
 * Memoized: scrolling and what changes elsewhere (typing, another message's ticks) leave it alone; it
 * subscribes to what it shows of the chat itself (its ticks, star, pin, highlight).
 */
export const MessageRow = memo(function MessageRow({ item, conversationId, group, onInfo, onOpenUser }: RowProps) {
  const t = useTranslations("chat.row");
  if (item.kind === "day") {
    return (
      <div className="flex justify-center pt-3 pb-1">
        <DayChip at={item.at} />
      </div>
    );
  }
  if (item.kind === "system") {
    return (
      <div className="flex justify-center px-[4%] pt-2 md:px-[7%]">
        <p
          data-system-message={item.message.id}
          className="max-w-full rounded-lg bg-panel px-3 py-1.5 text-center text-[12.5px] leading-4 text-ink-muted shadow-sm [overflow-wrap:anywhere] dark:bg-[#182229]"
        >
          {item.message.text}
        </p>
      </div>
    );
  }
  if (item.kind === "encryption") return <EncryptionNotice since={item.since} />;
  if (item.kind === "unread") {
    return (
      <div className="my-2 flex justify-center bg-black/[0.04] py-1.5 dark:bg-white/[0.04]">
        <p
          data-testid="unread-divider"
          className="rounded-full bg-panel px-4 py-1 text-xs font-medium text-ink-muted shadow-sm dark:bg-[#182229]"
        >
          {t("unread", { count: item.count })}
        </p>
      </div>
    );
  }
  if (item.kind === "security") return <SecurityCodeChanged userId={item.userId} conversationId={conversationId} group={group} />;
  if (item.kind === "pending") return <PendingRow item={item.item} first={item.first} conversationId={conversationId} group={group} />;
  return (
    <Selectable message={item.message}>
      <StoredMessage item={item} conversationId={conversationId} group={group} onInfo={onInfo} onOpenUser={onOpenUser} />
    </Selectable>
  );
}, sameRow);

/** The chat's other person (a direct chat), as the summary has them. */
const usePeer = (conversationId: string) => useMessaging((s) => s.conversations[conversationId]?.peer ?? null);

/** The lock notice of an end-to-end encrypted chat (WhatsApp's yellow card). */
function EncryptionNotice({ since }: { since: boolean }) {
  const t = useTranslations("chat.row");
  return (
    <div className="flex justify-center px-[4%] pt-2 pb-1 md:px-[7%]">
      <p
        role="note"
        className="flex max-w-md items-start gap-1.5 rounded-lg bg-[#ffeecd] px-3 py-1.5 text-center text-[12.5px] leading-4 text-[#54656f] shadow-sm dark:bg-[#182229] dark:text-[#ffd279]"
      >
        <Lock aria-hidden className="mt-px size-3 shrink-0" />
        {since ? t("encryptedSince") : t("encrypted")}
      </p>
    </div>
  );
}

/** "<Name>'s security code changed" (WhatsApp's notice): their devices changed here; it opens the verify panel. */
function SecurityCodeChanged({ userId, conversationId, group }: { userId: string; conversationId: string; group: GroupView | null }) {
  const t = useTranslations("chat.row");
  const actions = useChatActions();
  const peer = usePeer(conversationId);
  const user: PublicUser | null = group ? group.users[userId] : peer;
  if (!user) return null;
  return (
    <div className="flex justify-center px-[4%] pt-2 pb-1 md:px-[7%]">
      <button
        type="button"
        data-security-notice
        onClick={() => actions.verify(user)}
        className="flex max-w-md items-start gap-1.5 rounded-lg bg-panel px-3 py-1.5 text-center text-[12.5px] leading-4 text-ink-muted shadow-sm hover:bg-hover dark:bg-[#182229] dark:hover:bg-[#202c33]"
      >
        <ShieldAlert aria-hidden className="mt-px size-3 shrink-0" />
        {t("securityCodeChanged", { name: user.displayName })}
      </button>
    </div>
  );
}

/** A stored message with what was done to it since: quote, forwarded label, edits, reactions, star, deletion. */
function StoredMessage({
  item,
  conversationId,
  group,
  onInfo,
  onOpenUser,
}: {
  item: Extract<ChatItem, { kind: "message" }>;
  conversationId: string;
  group: GroupView | null;
  onInfo: (seq: number) => void;
  onOpenUser: (user: { id: string; displayName: string }) => void;
}) {
  const t = useTranslations("chat");
  const tActions = useTranslations("chatActions");
  const tGroup = useTranslations("system.groupView");
  const tPreview = useTranslations("system.preview");
  const engine = useMessagingEngine();
  const actions = useChatActions();
  const me = engine.me;
  const [reacting, setReacting] = useState(false);
  const { message, mine, first } = item;
  const deleted = message.type === "deleted";
  // What this row shows of the chat and of my marks, each subscribed to alone: another row's ticks don't re-render it.
  const peerName = useMessaging((s) => s.conversations[conversationId]?.peer?.displayName ?? "");
  // A shared contact's photo, when this device knows them (a chat or a group in common).
  const contactPhoto = useMessaging((s) => (message.contact ? (s.users[message.contact.userId]?.avatarUrl ?? null) : undefined));
  const chatGroup = useMessaging((s) => s.conversations[conversationId]?.group ?? null);
  const pinned = useMessaging((s) => s.conversations[conversationId]?.pinned.includes(message.seq) ?? false);
  const status = useMessaging((s) => {
    const summary = s.conversations[conversationId];
    return summary && mine && !deleted ? messageStatus(message.seq, summary) : undefined;
  });
  const starred = useMessaging((s) => s.starred[starKey(message.conversationId, message.seq)] === true);
  const highlighted = useMessaging((s) => s.focus?.conversationId === message.conversationId && s.focus.seq === message.seq);
  const nameOf = (userId: string) => (userId === me ? t("you") : group ? nameOfUser(tGroup, group.users, userId) : peerName);
  const sender = nameOf(message.senderId);
  // Encrypted and not decrypted (yet): no content to show or act on.
  const sealed = message.type === "encrypted" ? (e2eeOf(message) === "failed" ? "failed" : "waiting") : undefined;
  const canWrite = !sendBlock(chatGroup);
  const ref = { conversationId: message.conversationId, seq: message.seq };
  const mineReaction = message.reactions?.find((r) => r.userIds.includes(me))?.emoji ?? null;
  const react = (emoji: string | null) => {
    setReacting(false);
    engine.react(ref, emoji).catch((e: Error) => actions.fail(e.message));
  };
  const forwarded = deleted ? null : forwardLabel(message.forwards);
  return (
    <MessageBubble
      id={message.id}
      text={deleted ? "" : message.text}
      at={new Date(message.createdAt)}
      mine={mine}
      first={first}
      sender={sender}
      showSender={group !== null && !mine && first}
      senderId={message.senderId}
      mentions={group?.mentionable ?? NO_MENTIONS}
      status={status}
      onInfo={mine && !deleted ? () => onInfo(message.seq) : undefined}
      deleted={deleted}
      sealed={sealed}
      highlighted={highlighted}
      onContextMenu={(e) => {
        e.preventDefault();
        e.currentTarget.querySelector<HTMLButtonElement>(`button[aria-label="${tActions("messageMenu.options")}"]`)?.click();
      }}
      corner={
        <>
          <MessageMenu
            message={message}
            mine={mine}
            canWrite={canWrite}
            canPin={canWrite && canPin({ group: chatGroup })}
            pinned={pinned}
            onReact={() => setReacting(true)}
          />
          {reacting && <ReactionPicker mine={mineReaction} onPick={react} onClose={() => setReacting(false)} alignRight={mine} />}
        </>
      }
      top={
        forwarded || message.replyTo || message.status ? (
          <div className={`flex flex-col gap-1 pb-1 ${message.type === "text" ? "" : "px-0"}`}>
            {forwarded && (
              <p className="flex items-center gap-1 pe-6 text-[12.5px] text-ink-muted italic">
                {forwarded === "forwardedMany" ? (
                  <ChevronsRight aria-hidden className="size-4" />
                ) : (
                  <Forward aria-hidden className="size-3.5" />
                )}
                {tPreview(forwarded)}
              </p>
            )}
            {message.status && (
              <StatusQuoteBlock
                quote={message.status}
                owner={nameOf(message.status.userId)}
                mine={mine}
                yours={message.status.userId === me}
              />
            )}
            {message.replyTo && (
              <QuotedMessageBlock
                quote={message.replyTo}
                sender={message.replyTo.senderId ? nameOf(message.replyTo.senderId) : ""}
                mine={mine}
                onOpen={() => actions.reveal((message.replyTo as { seq: number }).seq)}
              />
            )}
          </div>
        ) : undefined
      }
      meta={
        <>
          {starred && <Star aria-label={t("row.starred")} className="size-3 fill-current" />}
          {message.editedAt && !deleted && (
            <button type="button" onClick={() => actions.history(message)} className="hover:underline" title={t("row.seeEditHistory")}>
              {t("row.edited")}
            </button>
          )}
        </>
      }
      metaWidth={(starred ? 16 : 0) + (message.editedAt && !deleted ? 44 : 0)}
      below={
        message.reactions?.length ? (
          <ReactionSummary reactions={message.reactions} me={me} nameOf={nameOf} onRemove={() => react(null)} alignRight={mine} />
        ) : undefined
      }
      media={deleted ? undefined : MEDIA[message.type]}
      attachment={
        deleted || sealed ? undefined : message.type === "text" ? (
          message.linkPreview && <LinkPreviewCard preview={message.linkPreview} mine={mine} />
        ) : (
          <MessageAttachment
            message={message}
            mine={mine}
            onOpenChat={(id) => onOpenUser({ id, displayName: message.contact?.displayName ?? "" })}
            contactAvatarSrc={contactPhoto}
          />
        )
      }
    />
  );
}

/** Shown edge to edge, the bubble as wide as they are. */
const MEDIA: Partial<Record<MessageType, "photo" | "card">> = { image: "photo", video: "photo", location: "card" };

/** One of my messages not stored yet: its file from this device, with the upload's progress and a cancel button. */
function PendingRow({
  item,
  first,
  conversationId,
  group,
}: {
  item: OutboxItem;
  first: boolean;
  conversationId: string;
  group: GroupView | null;
}) {
  const t = useTranslations("chat");
  const tGroup = useTranslations("system.groupView");
  const engine = useMessagingEngine();
  const me = engine.me;
  const peer = usePeer(conversationId);
  const quoted = useMessaging((s) =>
    item.replyTo === undefined ? undefined : s.messages[conversationId]?.find((m) => m.seq === item.replyTo),
  );
  const url = useObjectUrl(item.upload?.blob);
  const content: MessageContent = pendingContent(item);
  const uploading = Boolean(item.upload && !item.fileId);
  return (
    <MessageBubble
      id={item.id}
      text={item.text}
      at={new Date(item.createdAt)}
      mine
      first={first}
      sender={t("you")}
      status="pending"
      top={
        quoted ? (
          <div className="pb-1">
            <QuotedMessageBlock
              quote={quoteOf(quoted)}
              sender={
                quoted.senderId === me ? t("you") : group ? nameOfUser(tGroup, group.users, quoted.senderId) : (peer?.displayName ?? "")
              }
              mine
            />
          </div>
        ) : undefined
      }
      media={MEDIA[content.type]}
      attachment={
        content.type === "text" ? (
          item.linkPreview && <LinkPreviewCard preview={item.linkPreview} mine />
        ) : (
          <MessageAttachment
            message={content}
            mine
            source={url ? { url } : undefined}
            progress={uploading ? (item.progress ?? 0) : undefined}
            onCancel={uploading ? () => void engine.cancel(item.id) : undefined}
          />
        )
      }
    />
  );
}

/** The date of the message a row belongs to. */
export function rowDate(item: ChatItem): Date {
  if (item.kind === "day" || item.kind === "encryption" || item.kind === "security" || item.kind === "unread") return item.at;
  return new Date(item.kind === "pending" ? item.item.createdAt : item.message.createdAt);
}
