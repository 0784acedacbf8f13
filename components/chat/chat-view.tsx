"use client";

import { FileUp, Lock, X } from "lucide-react";
import { type DragEvent, useEffect, useMemo, useState } from "react";
import { useTranslations } from "use-intl";
import { canPin, chatTitle, sendBlock } from "@/lib/client/group-view";
import { starKey } from "@/lib/client/messaging-state";
import type { ChatMessage, ConversationSummary } from "@/lib/contracts/messaging";
import type { PublicUser } from "@/lib/contracts/users";
import { BlockedBar, RequestBanner } from "../privacy/chat-safety";
import { useToast } from "../ui/toast";
import { type ChatActions, ChatActionsProvider } from "./actions/chat-actions";
import { DeleteDialog } from "./actions/delete-dialog";
import { EditDialog } from "./actions/edit-dialog";
import { EditHistoryDialog } from "./actions/edit-history";
import { ForwardDialog } from "./actions/forward-dialog";
import { PinnedBar } from "./actions/pinned-bar";
import { type Selection, SelectionBar, SelectionProvider } from "./actions/selection";
import { ChatHeader } from "./chat-header";
import type { Draft } from "./compose/media-draft";
import { Composer } from "./composer";
import { MessageList } from "./message-list";
import { RejectedNotice } from "./rejected-notice";
import { useMessaging, useMessagingEngine } from "./use-messaging";
import { useStableCallback } from "./use-stable-callback";

/** The right pane for an open conversation: header, messages and the message box (or why I can't send). */
export function ChatView({
  conversation,
  me,
  onBack,
  onInfo,
  onVerify,
  onSearch,
  onMessageInfo,
  onOpenUser,
}: {
  conversation: ConversationSummary;
  me: string;
  onBack: () => void;
  onInfo: () => void;
  /** Opens "Verify security code" with a person of the chat (from a "security code changed" notice). */
  onVerify: (user: PublicUser) => void;
  /** Opens "Search messages" for this chat. */
  onSearch: () => void;
  onMessageInfo: (seq: number) => void;
  /** Opens the direct chat with someone (from a shared contact card). */
  onOpenUser: (user: { id: string; displayName: string }) => void;
}) {
  const t = useTranslations("chat");
  const tGroup = useTranslations("system.groupView");
  const engine = useMessagingEngine();
  // The message rows are memoized: what they are given keeps its identity while the shell's arrows change.
  const messageInfo = useStableCallback(onMessageInfo);
  const verify = useStableCallback(onVerify);
  const openUser = useStableCallback(onOpenUser);
  const { id, kind } = conversation;
  const blocked = sendBlock(conversation.group);
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const [dragging, setDragging] = useState(false);
  // What a message's menu opened: the reply being written, and the dialogs.
  const [replyTo, setReplyTo] = useState<ChatMessage | null>(null);
  const [editing, setEditing] = useState<ChatMessage | null>(null);
  const [forwarding, setForwarding] = useState<ChatMessage[] | null>(null);
  const [deleting, setDeleting] = useState<ChatMessage[] | null>(null);
  const [history, setHistory] = useState<ChatMessage | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [toast, notify] = useToast();
  // Select messages: the chosen ones by seq (null when not selecting).
  const [chosen, setChosen] = useState<Map<number, ChatMessage> | null>(null);
  const starred = useMessaging((s) => s.starred);
  const selection = useMemo<Selection>(
    () => ({
      selected: chosen && new Set(chosen.keys()),
      toggle: (m) =>
        setChosen((c) => {
          const next = new Map(c);
          if (!next.delete(m.seq)) next.set(m.seq, m);
          return next;
        }),
    }),
    [chosen],
  );
  const selected = chosen ? [...chosen.values()].sort((a, b) => a.seq - b.seq) : [];
  const allStarred = selected.length > 0 && selected.every((m) => starred[starKey(m.conversationId, m.seq)]);
  const starSelected = async () => {
    for (const m of selected) await engine.star({ conversationId: m.conversationId, seq: m.seq }, !allStarred);
    setChosen(null);
  };
  // Escape leaves select mode (when no dialog is open: a dialog takes its own Escape).
  useEffect(() => {
    if (!chosen) return;
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && !e.defaultPrevented && setChosen(null);
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [chosen]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: another chat starts with nothing half-done.
  useEffect(() => {
    setReplyTo(null);
    setFailure(null);
  }, [id]);

  useEffect(() => {
    if (!failure) return;
    const hide = setTimeout(() => setFailure(null), 6_000);
    return () => clearTimeout(hide);
  }, [failure]);

  const actions = useMemo<ChatActions>(
    () => ({
      reply: setReplyTo,
      edit: setEditing,
      forward: (m) => setForwarding([m]),
      remove: (m) => setDeleting([m]),
      copy: (m) =>
        void navigator.clipboard.writeText(m.text).then(
          () => notify(t("view.copied"), false),
          () => setFailure(t("view.copyFailed")),
        ),
      select: (m) => setChosen(new Map([[m.seq, m]])),
      history: setHistory,
      info: messageInfo,
      verify,
      reveal: (seq) => void engine.reveal(id, seq).catch((e: Error) => setFailure(e.message)),
      fail: setFailure,
    }),
    [engine, id, messageInfo, verify, notify, t],
  );

  // A group's members (names, roles, mentions) come with its info, fetched when it is opened.
  useEffect(() => {
    if (kind === "group") engine.groups.load(id).catch(() => {});
  }, [engine, id, kind]);

  // Files dropped anywhere on the chat join the preview (when I may send here).
  const carriesFiles = (e: DragEvent) => !blocked && e.dataTransfer.types.includes("Files");
  function onDragOver(e: DragEvent) {
    if (!carriesFiles(e)) return;
    e.preventDefault();
    setDragging(true);
  }
  function onDrop(e: DragEvent) {
    setDragging(false);
    if (!carriesFiles(e)) return;
    e.preventDefault();
    const files = [...e.dataTransfer.files];
    if (files.length) setDrafts((d) => [...d, ...files.map((file) => ({ file, caption: "", asDocument: false }))]);
  }

  const title = chatTitle(conversation);
  return (
    <ChatActionsProvider value={actions}>
      <section
        aria-label={kind === "group" ? t("view.groupChat", { title }) : t("view.chatWith", { title })}
        className="relative flex h-full min-h-0 flex-col"
        onDragOver={onDragOver}
        onDragLeave={(e) => !e.currentTarget.contains(e.relatedTarget as Node | null) && setDragging(false)}
        onDrop={onDrop}
      >
        {dragging && (
          <div className="pointer-events-none absolute inset-0 z-30 flex flex-col items-center justify-center gap-3 bg-panel-header/90 text-ink-muted">
            <FileUp aria-hidden className="size-14 text-brand" strokeWidth={1.5} />
            <p className="text-lg">{t("view.dropFiles")}</p>
          </div>
        )}
        <ChatHeader
          conversation={conversation}
          me={me}
          onBack={onBack}
          onInfo={onInfo}
          onSearch={onSearch}
          onSelect={() => setChosen(new Map())}
        />
        <PinnedBar conversation={conversation} canUnpin={canPin(conversation)} />
        <SelectionProvider value={selection}>
          <MessageList conversation={conversation} me={me} onMessageInfo={messageInfo} onOpenUser={openUser} />
        </SelectionProvider>
        <RejectedNotice conversationId={id} />
        {conversation.peerRequest && conversation.peer && (
          // Why my messages stay at one tick: WhatsApp says so to the sender of a message request.
          <p role="note" className="shrink-0 border-s border-line bg-panel-header px-4 py-2 text-center text-[13px] text-ink-muted">
            {t("view.requestPending", { name: conversation.peer.displayName })}
          </p>
        )}
        {failure && (
          <p
            role="alert"
            className="flex shrink-0 items-center gap-3 border-s border-line bg-[#fff4e5] px-4 py-2 text-sm text-[#663c00] dark:bg-[#3b2f1a] dark:text-[#ffd699]"
          >
            <span className="flex-1">{failure}</span>
            <button type="button" aria-label={t("dismiss")} onClick={() => setFailure(null)} className="rounded-full p-1 hover:bg-black/10">
              <X aria-hidden className="size-4" />
            </button>
          </p>
        )}
        {conversation.request && !conversation.blocked && <RequestBanner conversation={conversation} onNotice={setFailure} />}
        {chosen ? (
          <SelectionBar
            messages={selected}
            starred={allStarred}
            onCancel={() => setChosen(null)}
            onStar={() => void starSelected().catch((e: Error) => setFailure(e.message))}
            onForward={() => setForwarding(selected)}
            onDelete={() => setDeleting(selected)}
          />
        ) : conversation.blocked ? (
          <BlockedBar conversation={conversation} />
        ) : blocked ? (
          <p className="flex min-h-[58px] shrink-0 items-center justify-center gap-2 border-s border-line bg-panel-header px-4 py-3 text-center text-sm text-ink-muted">
            <Lock aria-hidden className="size-4 shrink-0" />
            {tGroup(`sendBlock.${blocked}`)}
          </p>
        ) : (
          <Composer
            key={id}
            conversationId={id}
            me={me}
            drafts={drafts}
            onDrafts={setDrafts}
            replyTo={replyTo}
            onCancelReply={() => setReplyTo(null)}
          />
        )}
        <ForwardDialog
          messages={forwarding}
          onClose={() => {
            setForwarding(null);
            setChosen(null);
          }}
        />
        <DeleteDialog
          messages={deleting}
          me={me}
          admin={conversation.group?.myRole === "admin"}
          onClose={() => {
            setDeleting(null);
            setChosen(null);
          }}
          onFailed={setFailure}
        />
        <EditDialog message={editing} onClose={() => setEditing(null)} />
        <EditHistoryDialog message={history} onClose={() => setHistory(null)} />
        {toast}
      </section>
    </ChatActionsProvider>
  );
}
