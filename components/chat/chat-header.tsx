"use client";

import { ArrowLeft, Info, Phone, Search, Video } from "lucide-react";
import { useTranslations } from "use-intl";
import { useTimeFormat } from "@/components/i18n/use-time-format";
import { chatAvatarUrl, chatTitle, membersLine, nameOf, typingLine } from "@/lib/client/group-view";
import type { ConversationSummary } from "@/lib/contracts/messaging";
import type { PublicUser } from "@/lib/contracts/users";
import { useCallEngine, useLiveCall, useShownCall } from "../calls/use-calls";
import { useStartCall } from "../calls/use-start-call";
import { useChatMenu } from "../conversations/chat-menu";
import { useSocket } from "../realtime/socket-provider";
import { Menu } from "../shell/menu";
import { Avatar } from "../ui/avatar";
import { IconButton } from "../ui/icon-button";
import { useToast } from "../ui/toast";
import { useMessaging } from "./use-messaging";

const NO_TYPERS: string[] = [];
const NO_USERS: Record<string, PublicUser> = {};

/**
 * The open chat's header: Back (phones), who, and a status line. A direct chat shows the peer's presence
 * ("online", "typing...", "last seen ..."); a group its members ("Ana, Ben, You" or "N members") or who is
 * typing. Without a connection that is unknown, so it says "connecting..." (on phones the list's banner is hidden).
 * Its buttons call, search and open the chat's info; its menu (useChatMenu) also selects messages, mutes,
 * pins, archives, marks unread, closes, blocks, reports, clears and deletes the chat.
 */
export function ChatHeader({
  conversation,
  me,
  onBack,
  onInfo,
  onSearch,
  onSelect,
}: {
  conversation: ConversationSummary;
  me: string;
  onBack: () => void;
  onInfo: () => void;
  onSearch: () => void;
  /** Starts selecting messages (to forward, star or delete several at once). */
  onSelect?: () => void;
}) {
  const t = useTranslations("chat.header");
  const tGroup = useTranslations("system.groupView");
  const time = useTimeFormat();
  const connection = useSocket().status;
  const { peer, group } = conversation;
  // Only what the status line shows: this chat's typers, the peer's presence, a group's members and names.
  const typers = useMessaging((s) => s.typing[conversation.id]) ?? NO_TYPERS;
  const presence = useMessaging((s) => (peer ? s.presence[peer.id] : undefined));
  const members = useMessaging((s) => s.groups[conversation.id]?.members);
  const users = useMessaging((s) => (group ? s.users : NO_USERS));
  let status: string | null;
  let typingNow = false;
  if (connection === "offline") status = t("connecting");
  else if (group) {
    const who = typingLine(
      tGroup,
      typers.map((id) => nameOf(tGroup, users, id)),
    );
    typingNow = who !== null;
    status = who ?? membersLine(tGroup, members, group.memberCount, me);
  } else {
    typingNow = peer !== null && typers.includes(peer.id);
    status = typingNow ? t("typing") : peer && time.lastSeen(presence, new Date());
  }
  const title = chatTitle(conversation);
  const [toast, notify] = useToast();
  const actions = useChatMenu(notify);
  const startCall = useStartCall();
  const calls = useCallEngine();
  const inCall = useShownCall(calls) !== null;
  const live = useLiveCall(calls, conversation.id);
  // A group call going on that I'm not in: "Join" instead of starting another.
  const joinable = group !== null && !inCall && live?.state === "ongoing" ? live : null;
  // Calls need a connection, and one call at a time; a group can't be called once I left it, nor someone I blocked.
  const cantCall = connection !== "connected" || inCall || (group !== null && group.myRole === null) || conversation.blocked;
  return (
    <header className="relative flex h-[59px] shrink-0 items-center gap-3 border-s border-line bg-panel-header px-4">
      <IconButton label={t("back")} onClick={onBack} className="-ms-2 md:hidden">
        <ArrowLeft aria-hidden className="size-6" />
      </IconButton>
      <Avatar src={chatAvatarUrl(conversation)} name={title} size="sm" group={group !== null} />
      <div className="flex min-w-0 flex-1 flex-col">
        <h2 className="truncate text-base text-ink">
          <bdi>{title}</bdi>
        </h2>
        {status && (
          <p data-testid="presence" className={`truncate text-xs ${typingNow ? "text-brand" : "text-ink-muted"}`}>
            {status}
          </p>
        )}
      </div>
      {joinable ? (
        <button
          type="button"
          aria-label={t("joinCall", { kind: joinable.kind })}
          disabled={cantCall}
          onClick={() => void calls?.join(joinable).catch(() => {})}
          className="flex items-center gap-1.5 rounded-full bg-brand px-4 py-1.5 text-sm font-medium text-white transition hover:brightness-110 disabled:opacity-50"
        >
          {joinable.kind === "video" ? <Video aria-hidden className="size-4" /> : <Phone aria-hidden className="size-4" />}
          {t("join")}
        </button>
      ) : (
        <>
          <IconButton label={t("videoCall")} disabled={cantCall} onClick={() => startCall(conversation.id, "video")}>
            <Video aria-hidden className="size-5" />
          </IconButton>
          <IconButton label={t("voiceCall")} disabled={cantCall} onClick={() => startCall(conversation.id, "voice")}>
            <Phone aria-hidden className="size-5" />
          </IconButton>
        </>
      )}
      {/* On a phone these two live in the menu, leaving room for the name. */}
      <IconButton label={t("searchMessages")} onClick={onSearch} className="max-sm:hidden">
        <Search aria-hidden className="size-5" />
      </IconButton>
      <IconButton label={group ? t("groupInfo") : t("contactInfo")} onClick={onInfo} className="max-sm:hidden">
        <Info aria-hidden className="size-5" />
      </IconButton>
      <Menu
        label={t("moreOptions")}
        items={[
          ...(onSelect ? [{ label: t("selectMessages"), onSelect }] : []),
          { label: t("search"), onSelect: onSearch },
          ...actions.itemsFor(conversation, { onInfo, onClose: onBack }),
        ]}
      />
      {actions.dialogs}
      {toast}
    </header>
  );
}
