"use client";

import { Archive, ArrowLeft, CircleAlert, MessageSquarePlus, MessagesSquare, Users, WifiOff, X } from "lucide-react";
import { type ComponentProps, useState } from "react";
import { useTranslations } from "use-intl";
import { nobodyFound } from "@/lib/client/people-search";
import { CHAT_FILTERS, type ChatFilter, filterChats, listedConversations } from "@/lib/client/selectors";
import type { ChatMessage } from "@/lib/contracts/messaging";
import type { Me, PublicUser } from "@/lib/contracts/users";
import { useMessaging } from "../chat/use-messaging";
import { ChatList, matchesQuery } from "../conversations/chat-list";
import { useSocket } from "../realtime/socket-provider";
import { MessageResults } from "../search/message-results";
import { useMessageSearch } from "../search/use-message-search";
import { HistoryRequestBanner } from "../security/history-request-banner";
import { RestoreBanner } from "../security/restore-banner";
import { Avatar } from "../ui/avatar";
import { IconButton } from "../ui/icon-button";
import { Spinner } from "../ui/spinner";
import { Menu } from "./menu";
import { PeopleList } from "./people-list";
import { SearchBox } from "./search-box";
import { useUserSearch } from "./use-user-search";

export function ChatsPanel({
  me,
  activeId,
  notice,
  onDismissNotice,
  onProfile,
  onNewChat,
  onNewGroup,
  rowHandlers,
  onOpenUser,
  onOpenMessage,
  onStarred,
  onSettings,
  onBackup,
  onSignOut,
}: {
  me: Me;
  activeId: string | null;
  /** A problem to show above the list (e.g. a chat that couldn't be opened). */
  notice: string | null;
  onDismissNotice: () => void;
  onProfile: () => void;
  onNewChat: () => void;
  onNewGroup: () => void;
  /** What a chat row opens: the chat, its info, or closes it (see ChatList). */
  rowHandlers: Pick<ComponentProps<typeof ChatList>, "onOpen" | "onInfo" | "onClose">;
  onOpenUser: (user: PublicUser) => void;
  /** A found message: open its chat at it. */
  onOpenMessage: (message: ChatMessage) => void;
  onStarred: () => void;
  onSettings: () => void;
  /** Opens Chat backup (from the banner offering to restore one). */
  onBackup: () => void;
  /** Asks to sign out here, or everywhere. */
  onSignOut: (where: "here" | "everywhere") => void;
}) {
  const t = useTranslations("shell");
  const tPeople = useTranslations("system.people");
  const [query, setQuery] = useState("");
  const search = useUserSearch(query, query.trim().length > 0);
  const { status } = useSocket();
  const byId = useMessaging((s) => s.conversations);
  const pending = useMessaging((s) => s.pending);
  const messagingStatus = useMessaging((s) => s.status);
  const conversations = Object.values(byId);
  const chatHits = query.trim() ? conversations.filter((c) => matchesQuery(c, query)).length : 0;
  const found = useMessageSearch(query);
  const [archivedOpen, setArchivedOpen] = useState(false);
  const [filter, setFilter] = useState<ChatFilter>("all");
  const archivedCount = conversations.filter((c) => c.archived).length;

  return (
    <>
      <header className="flex h-[59px] shrink-0 items-center justify-between bg-panel-header px-4">
        <button
          type="button"
          aria-label={t("chatsPanel.profile")}
          title={t("chatsPanel.profile")}
          onClick={onProfile}
          className="rounded-full"
        >
          <Avatar src={me.avatarUrl} name={me.displayName} size="sm" />
        </button>
        <div className="flex items-center gap-1">
          <IconButton label={t("newGroup")} onClick={onNewGroup}>
            <Users aria-hidden className="size-5" />
          </IconButton>
          <IconButton label={t("newChat")} onClick={onNewChat}>
            <MessageSquarePlus aria-hidden className="size-5" />
          </IconButton>
          <Menu
            label={t("chatsPanel.menu")}
            items={[
              { label: t("newGroup"), onSelect: onNewGroup },
              { label: t("chatsPanel.starred"), onSelect: onStarred },
              { label: t("settings"), onSelect: onSettings },
              ...(me.isAdmin ? [{ label: t("chatsPanel.reports"), onSelect: () => window.location.assign("/admin") }] : []),
              { label: t("signOut"), onSelect: () => onSignOut("here") },
              { label: t("signOutEverywhere"), onSelect: () => onSignOut("everywhere"), danger: true },
            ]}
          />
        </div>
      </header>
      {status === "offline" && (
        <div role="status" className="flex items-center gap-3 bg-[#ffd279] px-4 py-3 text-sm text-[#111b21]">
          <WifiOff aria-hidden className="size-5 shrink-0" />
          <span>{t("chatsPanel.offline")}</span>
        </div>
      )}
      {notice && (
        <div role="alert" className="flex items-start gap-3 bg-[#ffe4e8] px-4 py-3 text-sm text-[#111b21]">
          <CircleAlert aria-hidden className="mt-0.5 size-5 shrink-0 text-danger" />
          <span className="flex-1">{notice}</span>
          <button
            type="button"
            aria-label={t("chatsPanel.dismiss")}
            onClick={onDismissNotice}
            className="rounded-full p-0.5 hover:bg-black/5"
          >
            <X aria-hidden className="size-4" />
          </button>
        </div>
      )}
      <RestoreBanner onRestore={onBackup} />
      <HistoryRequestBanner />
      <SearchBox label={t("chatsPanel.search")} value={query} onChange={setQuery} />
      {!query.trim() && !archivedOpen && conversations.length > 0 && <ChatFilters value={filter} onChange={setFilter} />}
      <div className="min-h-0 flex-1 overflow-y-auto bg-panel">
        {query.trim() ? (
          <>
            {chatHits > 0 && (
              <>
                <h3 className="px-6 pb-2 pt-4 text-sm uppercase text-brand-strong dark:text-brand">{t("chats")}</h3>
                <ChatList me={me.id} myName={me} activeId={activeId} query={query} {...rowHandlers} />
              </>
            )}
            <h3 className="px-6 pb-2 pt-4 text-sm uppercase text-brand-strong dark:text-brand">{t("people")}</h3>
            <PeopleList label={t("people")} {...search} empty={nobodyFound(tPeople, query)} onOpen={onOpenUser} />
            {found.status === "done" && found.messages.length > 0 && (
              <>
                <h3 className="px-6 pb-2 pt-4 text-sm uppercase text-brand-strong dark:text-brand">{t("chatsPanel.messages")}</h3>
                <MessageResults label={t("chatsPanel.messages")} messages={found.messages} query={query} showChat onOpen={onOpenMessage} />
              </>
            )}
          </>
        ) : archivedOpen ? (
          <>
            <button
              type="button"
              onClick={() => setArchivedOpen(false)}
              className="flex w-full items-center gap-6 px-6 py-3 text-start text-ink hover:bg-hover"
            >
              <ArrowLeft aria-hidden className="size-5 text-ink-muted" />
              <span>{t("chatsPanel.archived")}</span>
            </button>
            <ChatList me={me.id} myName={me} activeId={activeId} archived {...rowHandlers} />
            {archivedCount === 0 && <p className="px-6 py-8 text-center text-sm text-ink-muted">{t("chatsPanel.noArchived")}</p>}
          </>
        ) : conversations.length > 0 ? (
          <>
            {archivedCount > 0 && (
              <button
                type="button"
                onClick={() => setArchivedOpen(true)}
                aria-label={t("chatsPanel.archivedCount", { count: archivedCount })}
                className="flex w-full items-center gap-6 px-6 py-3 text-start text-ink hover:bg-hover"
              >
                <Archive aria-hidden className="size-5 text-brand" />
                <span className="flex-1">{t("chatsPanel.archived")}</span>
                <span className="text-xs text-brand">{archivedCount}</span>
              </button>
            )}
            <ChatList me={me.id} myName={me} activeId={activeId} filter={filter} {...rowHandlers} />
            {filter !== "all" && filterChats(listedConversations(byId, pending, false), filter).length === 0 && (
              <div className="flex flex-col items-center gap-2 px-6 py-10 text-center text-sm text-ink-muted">
                <p>{filter === "unread" ? t("chatsPanel.noUnread") : t("chatsPanel.noGroups")}</p>
                <button type="button" onClick={() => setFilter("all")} className="text-brand-strong hover:underline dark:text-brand">
                  {t("chatsPanel.viewAll")}
                </button>
              </div>
            )}
          </>
        ) : messagingStatus === "loading" ? (
          <div className="flex justify-center py-8 text-brand">
            <Spinner label={t("chatsPanel.loading")} />
          </div>
        ) : (
          <section aria-label={t("chats")} className="flex flex-col items-center gap-3 px-10 py-16 text-center">
            <MessagesSquare aria-hidden className="size-12 text-ink-muted" strokeWidth={1.25} />
            {messagingStatus === "error" ? (
              <p role="alert" className="text-ink">
                {t("chatsPanel.loadError")}
              </p>
            ) : (
              <>
                <p className="text-ink">{t("chatsPanel.empty")}</p>
                <p className="text-sm text-ink-muted">{t("chatsPanel.emptyHint")}</p>
              </>
            )}
          </section>
        )}
      </div>
    </>
  );
}

/** All / Unread / Groups above the chat list. */
function ChatFilters({ value, onChange }: { value: ChatFilter; onChange: (filter: ChatFilter) => void }) {
  const t = useTranslations("shell.chatsPanel");
  return (
    <fieldset aria-label={t("filterLabel")} className="flex gap-2 border-0 bg-panel px-3 pt-1 pb-2">
      {CHAT_FILTERS.map((filter) => (
        <button
          key={filter}
          type="button"
          aria-pressed={value === filter}
          onClick={() => onChange(filter)}
          className="rounded-full bg-field px-3 py-1 text-sm text-ink-muted transition-colors hover:bg-hover aria-pressed:bg-brand/15 aria-pressed:text-brand"
        >
          {t(`filters.${filter}`)}
        </button>
      ))}
    </fieldset>
  );
}
