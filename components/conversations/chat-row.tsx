import {
  AtSign,
  BellOff,
  Camera,
  ChevronDown,
  FileText,
  Headphones,
  type LucideIcon,
  MapPin,
  Mic,
  Pin,
  UserRound,
  Video,
} from "lucide-react";
import { useMemo, useSyncExternalStore } from "react";
import { useTranslations } from "use-intl";
import { useTimeFormat } from "@/components/i18n/use-time-format";
import { draftOf, subscribeDrafts } from "@/lib/client/drafts";
import { chatAvatarUrl, chatTitle, nameOf, typingLine } from "@/lib/client/group-view";
import { namesOf } from "@/lib/client/mentions";
import type { OutboxItem } from "@/lib/client/outbox";
import { isMuted, isUnread, latestActivity } from "@/lib/client/selectors";
import { type ConversationSummary, type MessageType, messageStatus } from "@/lib/contracts/messaging";
import type { PublicUser } from "@/lib/contracts/users";
import { withMentionNames } from "@/lib/shared/mentions";
import { previewText } from "@/lib/shared/message-preview";
import { MessageStatusIcon } from "../chat/message-status-icon";
import { Menu, type MenuItem } from "../shell/menu";
import { Avatar } from "../ui/avatar";

/** One chat in the list: who, the last message (or my unsent draft) (with my tick if it is mine), when, how many are unread, and "@" while some of them mention me. */
export function ChatRow({
  conversation,
  me,
  myName,
  users,
  pending,
  typing,
  active,
  onOpen,
  menu,
}: {
  conversation: ConversationSummary;
  me: string;
  myName: { username: string; displayName: string };
  users: Record<string, PublicUser>;
  pending: OutboxItem[];
  /** Who is typing in it. */
  typing: string[];
  active: boolean;
  onOpen: () => void;
  /** The row's menu: what I can do with the chat (see useChatMenu). */
  menu: MenuItem[];
}) {
  const t = useTranslations("chatList.row");
  const tGroup = useTranslations("system.groupView");
  const tPreview = useTranslations("system.preview");
  const time = useTimeFormat();
  const muted = isMuted(conversation);
  const { lastMessage, unreadCount, unreadMentions } = conversation;
  const unread = isUnread(conversation);
  const badged = unreadMentions > 0 || unread;
  const isGroup = conversation.kind === "group";
  const title = chatTitle(conversation);
  const latest = latestActivity(conversation, pending);
  const latestText = latest ? previewText(tPreview, latest.content) : "";
  const status = latest?.pending
    ? "pending"
    : lastMessage?.senderId === me && lastMessage.type !== "system"
      ? messageStatus(lastMessage.seq, conversation)
      : undefined;
  // In groups, someone else's message says who wrote it, as long as their name is known.
  const from = latest?.message;
  const senderName = isGroup && from && from.type !== "system" && from.senderId !== me ? users[from.senderId]?.displayName : undefined;
  const typingText = isGroup
    ? typingLine(
        tGroup,
        typing.map((id) => nameOf(tGroup, users, id)),
      )
    : typing.length > 0
      ? t("typing")
      : null;
  // Text I left unsent here: "Draft: ..." in place of the last message, as long as another chat is open.
  const names = useMemo(() => namesOf({ ...users, [me]: myName }), [users, me, myName]);
  const draft = useSyncExternalStore(
    subscribeDrafts,
    () => draftOf(conversation.id),
    () => "",
  );
  return (
    <li className="group relative">
      <button
        type="button"
        onClick={onOpen}
        aria-current={active || undefined}
        className={`flex w-full items-center gap-3 px-3 text-start transition-colors hover:bg-hover focus-visible:bg-hover ${active ? "bg-hover" : ""}`}
      >
        <Avatar src={chatAvatarUrl(conversation)} name={title} group={isGroup} />
        <span className="flex min-w-0 flex-1 flex-col gap-0.5 border-b border-line py-3">
          <span className="flex items-baseline gap-2">
            <bdi className="min-w-0 flex-1 truncate text-[17px] text-ink">{title}</bdi>
            {latest && (
              <span className={`shrink-0 text-xs ${unread ? "text-brand" : "text-ink-muted"}`}>{time.list(latest.at, new Date())}</span>
            )}
          </span>
          <span className="flex min-h-5 items-center gap-1 text-sm text-ink-muted">
            {typingText ? (
              <span className="min-w-0 flex-1 truncate text-brand">{typingText}</span>
            ) : draft && !active ? (
              <span className="min-w-0 flex-1 truncate">
                {t.rich("draft", { draft, label: (chunks) => <span className="text-brand-strong dark:text-brand">{chunks}</span> })}
              </span>
            ) : (
              <>
                {conversation.request && (
                  <span className="shrink-0 rounded-sm bg-brand/15 px-1.5 text-xs leading-5 text-brand-strong dark:text-brand">
                    {t("request")}
                  </span>
                )}
                {status && <MessageStatusIcon status={status} />}
                {latest && <PreviewIcon type={latest.type} />}
                <span className="min-w-0 flex-1 truncate">
                  {senderName && <bdi>{senderName}</bdi>}
                  {senderName && ": "}
                  <bdi>{isGroup && latest ? withMentionNames(latestText, names) : latestText}</bdi>
                </span>
              </>
            )}
            {(muted || conversation.pinnedAt) && (
              <span
                className={`flex shrink-0 items-center gap-1 ps-1 transition-[padding] ${badged ? "" : "group-hover:pe-7 group-focus-within:pe-7"}`}
              >
                {muted && <BellOff role="img" aria-label={t("muted")} className="size-4" />}
                {conversation.pinnedAt && <Pin role="img" aria-label={t("pinned")} className="size-4 rotate-45" />}
              </span>
            )}
            {badged && (
              // Room for the options chevron on hover, so it never covers the badge.
              <span className="ms-auto flex shrink-0 items-center gap-1 transition-[padding] group-hover:pe-7 group-focus-within:pe-7">
                {unreadMentions > 0 && (
                  <span
                    role="img"
                    aria-label={t("mentioned")}
                    title={t("mentioned")}
                    className="flex size-5 items-center justify-center rounded-full bg-brand text-white dark:text-[#111b21]"
                  >
                    <AtSign aria-hidden className="size-3.5" strokeWidth={2.5} />
                  </span>
                )}
                {unreadCount === 0 && unread && (
                  <span
                    role="img"
                    aria-label={t("markedUnread")}
                    className={`size-5 rounded-full ${muted ? "bg-ink-muted" : "bg-brand"}`}
                  />
                )}
                {unreadCount > 0 && (
                  <span
                    className={`min-w-5 rounded-full px-1.5 text-center text-xs font-medium leading-5 text-white dark:text-[#111b21] ${muted ? "bg-ink-muted" : "bg-brand"}`}
                  >
                    <span aria-hidden>{unreadCount}</span>
                    <span className="sr-only">{t("unread", { count: unreadCount })}</span>
                  </span>
                )}
              </span>
            )}
          </span>
        </span>
      </button>
      <Menu
        label={t("options", { name: title })}
        className="absolute end-3 bottom-2.5 opacity-0 transition-opacity group-hover:opacity-100 focus-within:opacity-100 has-[[aria-expanded=true]]:opacity-100 pointer-coarse:opacity-100"
        buttonClass="size-7!"
        trigger={<ChevronDown aria-hidden className="size-5" />}
        items={menu}
      />
    </li>
  );
}

const PREVIEW_ICONS: Partial<Record<MessageType, LucideIcon>> = {
  image: Camera,
  video: Video,
  voice: Mic,
  audio: Headphones,
  document: FileText,
  location: MapPin,
  contact: UserRound,
};

/** The small icon before a message's preview that says what it carries (none for text). */
function PreviewIcon({ type }: { type: MessageType }) {
  const Icon = PREVIEW_ICONS[type];
  return Icon ? <Icon aria-hidden className="size-4 shrink-0" /> : null;
}
