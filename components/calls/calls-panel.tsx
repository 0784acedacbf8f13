"use client";

import { ArrowDownLeft, ArrowUpRight, Phone, Video } from "lucide-react";
import { useEffect, useState } from "react";
import { useTranslations } from "use-intl";
import { useTimeFormat } from "@/components/i18n/use-time-format";
import { ApiError, request } from "@/lib/api-client";
import { appendPage, callLogLine, callRowLabel, isGroupCall, mergeCall } from "@/lib/client/call-log";
import { chatAvatarUrl, chatTitle } from "@/lib/client/group-view";
import { type Call, type CallKind, type CallLogEntry, callLogEntry } from "@/lib/contracts/calls";
import type { ConversationSummary } from "@/lib/contracts/messaging";
import { durationLabel } from "@/lib/shared/duration";
import { useMessaging } from "../chat/use-messaging";
import { useSocket } from "../realtime/socket-provider";
import { Avatar } from "../ui/avatar";
import { Button } from "../ui/button";
import { IconButton } from "../ui/icon-button";
import { PanelSpinner } from "../ui/spinner";

/** An error's message is the server's reason, or null for the generic one. */
type Log = { kind: "loading" } | { kind: "error"; message: string | null } | { kind: "ready"; calls: CallLogEntry[]; more: boolean };

/** The server's reason, or null when there is none to show (the caller says what failed). */
const problem = (e: unknown) => (e instanceof ApiError ? e.message : null);

/**
 * The Calls tab: my call log, newest first, a page at a time. A row opens its chat; its phone (or camera)
 * calls back. A call that ends while the tab is open (call:updated) goes to the top; after the connection
 * dropped, the first page is read again to catch what ended meanwhile.
 */
export function CallsPanel({
  me,
  onCall,
  onOpenChat,
}: {
  me: string;
  onCall: (conversationId: string, kind: CallKind) => void;
  onOpenChat: (conversationId: string) => void;
}) {
  const t = useTranslations("calls.panel");
  const conversations = useMessaging((s) => s.conversations);
  const { socket } = useSocket();
  const [log, setLog] = useState<Log>({ kind: "loading" });
  const [attempt, setAttempt] = useState(0);
  // Calls that ended since the log loaded (pushed, or read again after a reconnection), merged over it.
  const [recent, setRecent] = useState<CallLogEntry[]>([]);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the Retry button's way to fetch again.
  useEffect(() => {
    const controller = new AbortController();
    request("GET /api/v1/calls", { signal: controller.signal }).then(
      ({ calls, more }) => setLog({ kind: "ready", calls, more }),
      (e: unknown) => {
        if (!controller.signal.aborted) setLog({ kind: "error", message: problem(e) });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  useEffect(() => {
    if (!socket) return;
    const merge = (entries: CallLogEntry[]) => setRecent((current) => entries.reduce(mergeCall, current));
    const onUpdated = ({ call }: { call: Call }) => {
      if (call.state === "ended") merge([callLogEntry(call, me)]);
    };
    let dropped = false;
    const onDisconnect = () => {
      dropped = true;
    };
    const readAgain = () =>
      void request("GET /api/v1/calls").then(
        ({ calls }) => merge(calls),
        () => {},
      );
    const onConnect = () => {
      if (!dropped) return;
      dropped = false;
      readAgain();
    };
    socket.on("call:updated", onUpdated);
    socket.on("disconnect", onDisconnect);
    socket.on("connect", onConnect);
    socket.on("sync:needed", readAgain);
    return () => {
      socket.off("call:updated", onUpdated);
      socket.off("disconnect", onDisconnect);
      socket.off("connect", onConnect);
      socket.off("sync:needed", readAgain);
    };
  }, [socket, me]);

  const loadMore = async () => {
    const last = log.kind === "ready" ? log.calls.at(-1) : undefined;
    if (!last) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await request("GET /api/v1/calls", { query: { before: last.id } });
      setLog((current) =>
        current.kind === "ready" ? { kind: "ready", calls: appendPage(current.calls, page.calls), more: page.more } : current,
      );
    } catch (e) {
      setMoreError(problem(e) ?? t("loadMoreFailed"));
    } finally {
      setLoadingMore(false);
    }
  };

  const entries = log.kind === "ready" ? recent.reduce(mergeCall, log.calls) : [];
  const now = new Date();
  return (
    <section aria-label={t("title")} className="flex min-h-0 flex-1 flex-col">
      <header className="flex h-[59px] shrink-0 items-center bg-panel-header px-4">
        <h2 className="text-[19px] font-medium text-ink">{t("title")}</h2>
      </header>
      <div className="min-h-0 flex-1 overflow-y-auto bg-panel">
        {log.kind === "loading" && <PanelSpinner label={t("loading")} />}
        {log.kind === "error" && (
          <div className="flex flex-col items-center gap-3 px-10 py-12 text-center">
            <p role="alert" className="text-sm text-danger">
              {log.message ?? t("loadFailed")}
            </p>
            <Button
              variant="plain"
              onClick={() => {
                setLog({ kind: "loading" });
                setAttempt((n) => n + 1);
              }}
            >
              {t("retry")}
            </Button>
          </div>
        )}
        {log.kind === "ready" &&
          (entries.length === 0 ? (
            <div className="flex flex-col items-center gap-3 px-10 py-16 text-center text-ink-muted">
              <span className="flex size-20 items-center justify-center rounded-full bg-panel-header">
                <Phone aria-hidden className="size-9" strokeWidth={1.25} />
              </span>
              <h3 className="text-[17px] text-ink">{t("emptyTitle")}</h3>
              <p className="text-sm">{t("emptyBody")}</p>
            </div>
          ) : (
            <>
              <h3 className="px-4 pt-4 pb-2 text-[15px] text-brand-strong dark:text-brand">{t("recent")}</h3>
              <ul aria-label={t("log")}>
                {entries.map((entry) => (
                  <CallRow
                    key={entry.id}
                    entry={entry}
                    me={me}
                    conversation={conversations[entry.conversationId]}
                    now={now}
                    onOpen={() => onOpenChat(entry.conversationId)}
                    onCall={() => onCall(entry.conversationId, entry.kind)}
                  />
                ))}
              </ul>
              {moreError && (
                <p role="alert" className="px-6 pt-3 text-center text-sm text-danger">
                  {moreError}
                </p>
              )}
              {log.more && (
                <div className="flex justify-center py-3">
                  <Button variant="plain" busy={loadingMore} onClick={() => void loadMore()}>
                    {t("loadMore")}
                  </Button>
                </div>
              )}
            </>
          ))}
      </div>
    </section>
  );
}

/** One call: the chat's picture and name, which way it went (red when missed), when, for how long, and a button to call back. */
function CallRow({
  entry,
  me,
  conversation,
  now,
  onOpen,
  onCall,
}: {
  entry: CallLogEntry;
  me: string;
  conversation: ConversationSummary | undefined;
  now: Date;
  onOpen: () => void;
  onCall: () => void;
}) {
  const t = useTranslations("calls.panel");
  const tSystem = useTranslations("system.calls");
  const time = useTimeFormat();
  const title = (conversation && chatTitle(conversation)) || t("unknownChat");
  const line = callLogLine(entry, me, tSystem);
  const when = time.list(new Date(entry.createdAt), now);
  const duration = entry.duration === null ? null : durationLabel(entry.duration);
  const Direction = entry.direction === "outgoing" ? ArrowUpRight : ArrowDownLeft;
  const KindIcon = entry.kind === "video" ? Video : Phone;
  const callLabel = t("callBack", { kind: entry.kind, title });
  return (
    <li className="relative">
      <button
        type="button"
        onClick={onOpen}
        aria-label={callRowLabel(title, line, when, duration, tSystem)}
        className="flex w-full items-center gap-3 px-3 text-start transition-colors hover:bg-hover focus-visible:bg-hover"
      >
        <Avatar
          src={conversation ? chatAvatarUrl(conversation) : null}
          name={title}
          group={conversation ? conversation.kind === "group" : isGroupCall(entry)}
        />
        <span className="flex min-w-0 flex-1 flex-col gap-0.5 border-b border-line py-3 pe-12">
          <span className="truncate text-[17px] text-ink">{title}</span>
          <span className={`flex min-w-0 items-center gap-1 text-sm ${entry.missed ? "text-danger" : "text-ink-muted"}`}>
            <Direction aria-hidden className={`size-4 shrink-0 ${entry.missed ? "" : "text-brand"}`} strokeWidth={2.25} />
            <span className="min-w-0 truncate">{line}</span>
            <span aria-hidden className="shrink-0">
              ·
            </span>
            <span className="shrink-0">{when}</span>
            {duration && (
              <>
                <span aria-hidden className="shrink-0">
                  ·
                </span>
                <span className="shrink-0 tabular-nums">{duration}</span>
              </>
            )}
          </span>
        </span>
      </button>
      <IconButton
        label={callLabel}
        onClick={onCall}
        disabled={!conversation}
        className="absolute top-1/2 end-3 -translate-y-1/2 hover:text-brand-strong dark:hover:text-brand"
      >
        <KindIcon aria-hidden className="size-5" />
      </IconButton>
    </li>
  );
}
