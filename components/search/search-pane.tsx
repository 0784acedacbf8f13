"use client";

import { useState } from "react";
import { useTranslations } from "use-intl";
import { nameOf } from "@/lib/client/group-view";
import { SEARCH_FILTERS, type SearchFilter } from "@/lib/contracts/message-actions";
import type { ChatMessage, ConversationSummary } from "@/lib/contracts/messaging";
import { useMessaging } from "../chat/use-messaging";
import { SidePane } from "../groups/side-pane";
import { SearchBox } from "../shell/search-box";
import { Select } from "../ui/select";
import { Spinner } from "../ui/spinner";
import { MessageResults } from "./message-results";
import { useMessageSearch } from "./use-message-search";

/** "Search messages" in one chat: words, a kind of content, and in groups a sender. */
export function SearchPane({
  conversation,
  me,
  onClose,
  onOpen,
}: {
  conversation: ConversationSummary;
  me: string;
  onClose: () => void;
  onOpen: (message: ChatMessage) => void;
}) {
  const t = useTranslations("search");
  const tGroup = useTranslations("system.groupView");
  const [q, setQ] = useState("");
  const [filter, setFilter] = useState<SearchFilter | undefined>();
  const [senderId, setSenderId] = useState<string | undefined>();
  const groups = useMessaging((s) => s.groups);
  const users = useMessaging((s) => s.users);
  const members = groups[conversation.id]?.members ?? [];
  const found = useMessageSearch(q, { conversationId: conversation.id, filter, senderId });
  return (
    <SidePane label={t("title")} title={t("title")} closeLabel={t("close")} onClose={onClose}>
      <SearchBox label={t("title")} value={q} onChange={setQ} />
      <div className="flex flex-wrap items-center gap-2 border-b border-line bg-panel px-4 py-2">
        {SEARCH_FILTERS.map((f) => (
          <button
            key={f}
            type="button"
            aria-pressed={filter === f}
            onClick={() => setFilter(filter === f ? undefined : f)}
            className={`rounded-full px-3 py-1 text-sm ${filter === f ? "bg-brand/15 text-brand-strong dark:text-brand" : "bg-field text-ink-muted hover:text-ink"}`}
          >
            {t(`filters.${f}`)}
          </button>
        ))}
        {conversation.group && (
          <Select
            aria-label={t("sender")}
            value={senderId ?? ""}
            onChange={(e) => setSenderId(e.target.value || undefined)}
            className="ms-auto"
          >
            <option value="">{t("anyone")}</option>
            {members.map((m) => (
              <option key={m.user.id} value={m.user.id}>
                {m.user.id === me ? t("you") : nameOf(tGroup, users, m.user.id)}
              </option>
            ))}
          </Select>
        )}
      </div>
      {found.status === "loading" && (
        <div className="flex justify-center py-6 text-brand">
          <Spinner label={t("searching")} />
        </div>
      )}
      {found.status === "error" && (
        <p role="alert" className="px-6 py-4 text-sm text-danger">
          {found.message}
        </p>
      )}
      {found.status === "idle" && <p className="px-6 py-8 text-center text-sm text-ink-muted">{t("idle")}</p>}
      {found.status === "done" &&
        (found.messages.length ? (
          <MessageResults label={t("results")} messages={found.messages} query={q} onOpen={onOpen} />
        ) : (
          <p className="px-6 py-8 text-center text-sm text-ink-muted">{t("noResults")}</p>
        ))}
    </SidePane>
  );
}
