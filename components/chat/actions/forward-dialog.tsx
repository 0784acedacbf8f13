"use client";

import { Check, Search, SendHorizontal, X } from "lucide-react";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslations } from "use-intl";
import { chatAvatarUrl, chatTitle, sendBlock } from "@/lib/client/group-view";
import { sortedConversations } from "@/lib/client/selectors";
import { FORWARD_TARGETS_MAX } from "@/lib/contracts/message-actions";
import { type ChatMessage, FORWARDED_MANY } from "@/lib/contracts/messaging";
import { Avatar } from "../../ui/avatar";
import { IconButton } from "../../ui/icon-button";
import { Modal } from "../../ui/modal";
import { useMessaging, useMessagingEngine } from "../use-messaging";

/**
 * "Forward message to": pick up to 5 chats (one, when a message was forwarded many times), then send each
 * message (several, from a selection, in their order). The server applies the same limit; its reason shows
 * here if it refuses.
 */
export function ForwardDialog({ messages, onClose }: { messages: ChatMessage[] | null; onClose: () => void }) {
  const t = useTranslations("chatActions");
  const engine = useMessagingEngine();
  const conversations = useMessaging((s) => s.conversations);
  const pending = useMessaging((s) => s.pending);
  const [query, setQuery] = useState("");
  const [chosen, setChosen] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const search = useRef<HTMLInputElement>(null);
  const limit = messages?.some((m) => (m.forwards ?? 0) >= FORWARDED_MANY) ? 1 : FORWARD_TARGETS_MAX;

  useEffect(() => {
    if (!messages) return;
    setChosen([]);
    setQuery("");
    setError(null);
    // Opened: straight to finding the chat (after the dialog itself took focus).
    search.current?.focus();
  }, [messages]);

  const chats = useMemo(
    () =>
      sortedConversations(conversations, pending).filter(
        (c) => !sendBlock(c.group) && chatTitle(c).toLowerCase().includes(query.trim().toLowerCase()),
      ),
    [conversations, pending, query],
  );

  function toggle(id: string) {
    setError(null);
    setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : limit === 1 ? [id] : c.length < limit ? [...c, id] : c));
  }

  async function send() {
    if (!messages || !chosen.length) return;
    setBusy(true);
    try {
      for (const m of messages) await engine.forward({ conversationId: m.conversationId, seq: m.seq }, chosen);
      onClose();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const title = t("forwardDialog.title", { count: Math.max(messages?.length ?? 0, 1) });
  const names = chosen.map((id) => (conversations[id] ? chatTitle(conversations[id]) : "")).join(", ");
  return (
    <Modal
      open={messages !== null}
      title={title}
      onClose={onClose}
      className="flex max-h-[min(90vh,640px)] w-[min(94vw,440px)] flex-col overflow-hidden p-0 open:flex [&:not([open])]:hidden"
      header={(titleId) => (
        <header className="flex items-center gap-4 bg-brand-strong px-4 py-3 text-white dark:bg-panel-header dark:text-ink">
          <IconButton label={t("close")} onClick={onClose} className="text-white! dark:text-ink-muted!">
            <X aria-hidden className="size-5" />
          </IconButton>
          <h2 id={titleId} className="text-[17px] font-medium">
            {title}
          </h2>
        </header>
      )}
    >
      <div className="border-b border-line px-3 py-2">
        <label className="flex items-center gap-3 rounded-lg bg-panel-header px-3 py-1.5">
          <Search aria-hidden className="size-4 text-ink-muted" />
          <input
            ref={search}
            aria-label={t("forwardDialog.searchLabel")}
            placeholder={t("forwardDialog.searchPlaceholder")}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            className="w-full bg-transparent text-sm outline-none placeholder:text-ink-muted"
          />
        </label>
        <p className="px-1 pt-2 text-xs text-ink-muted">
          {limit === 1 ? t("forwardDialog.oneChatOnly") : t("forwardDialog.limit", { limit })}
        </p>
      </div>
      <ul aria-label={t("forwardDialog.chats")} className="min-h-0 flex-1 overflow-y-auto py-1">
        {chats.map((c) => {
          const on = chosen.includes(c.id);
          const full = !on && limit > 1 && chosen.length >= limit;
          return (
            <li key={c.id}>
              <label className={`flex items-center gap-3 px-4 py-2 ${full ? "opacity-50" : "cursor-pointer hover:bg-hover"}`}>
                <input
                  type={limit === 1 ? "radio" : "checkbox"}
                  name="forward-target"
                  checked={on}
                  disabled={full}
                  onChange={() => toggle(c.id)}
                  aria-label={chatTitle(c)}
                  className="peer sr-only"
                />
                <span
                  aria-hidden
                  className={`flex size-5 shrink-0 items-center justify-center rounded-sm border-2 peer-focus-visible:ring-2 peer-focus-visible:ring-brand ${on ? "border-brand bg-brand text-white" : "border-ink-muted"}`}
                >
                  {on && <Check className="size-3.5" strokeWidth={3} />}
                </span>
                <Avatar src={chatAvatarUrl(c)} name={chatTitle(c)} size="sm" group={c.kind === "group"} />
                <span className="min-w-0 flex-1 truncate text-[15px]">{chatTitle(c)}</span>
              </label>
            </li>
          );
        })}
        {chats.length === 0 && <li className="px-6 py-8 text-center text-sm text-ink-muted">{t("forwardDialog.noChats")}</li>}
      </ul>
      {error && (
        <p role="alert" className="border-t border-line px-4 py-2 text-sm text-danger">
          {error}
        </p>
      )}
      {chosen.length > 0 && (
        <footer className="flex items-center gap-3 bg-panel-header px-4 py-3">
          <p className="min-w-0 flex-1 truncate text-sm text-ink-muted">{names}</p>
          <button
            type="button"
            aria-label={t("forward")}
            title={t("forward")}
            disabled={busy}
            onClick={() => void send()}
            className="flex size-12 items-center justify-center rounded-full bg-brand text-white shadow-md hover:opacity-90 disabled:opacity-60"
          >
            <SendHorizontal aria-hidden className="size-6" />
          </button>
        </footer>
      )}
    </Modal>
  );
}
