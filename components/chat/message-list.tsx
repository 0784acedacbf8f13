"use client";

import { useVirtualizer, type Virtualizer } from "@tanstack/react-virtual";
import { ChevronDown } from "lucide-react";
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { useTranslations } from "use-intl";
import { pendingIn } from "@/lib/client/messaging-state";
import { chatItems, hasOlder, securityChangesIn, withUnreadDivider } from "@/lib/client/selectors";
import type { ChatMessage, ConversationSummary } from "@/lib/contracts/messaging";
import { Spinner } from "../ui/spinner";
import { DayChip, MessageRow, rowDate } from "./message-row";
import { useMessaging, useMessagingEngine, useVerification } from "./use-messaging";
import { useSenderNames } from "./use-sender-names";

const NO_MESSAGES: ChatMessage[] = [];
/** Within this many pixels of the bottom counts as "at the latest message". */
const NEAR_END = 80;
/** Older history starts loading when the view is this close to the top. */
const NEAR_TOP = 400;

/** What the list shows of where the reader is: at the latest message, near the top (load older), the day being read. */
interface ScrollView {
  atEnd: boolean;
  nearTop: boolean;
  /** The index of the first row in view (-1: none). */
  topIndex: number;
}

function scrollViewOf(virtualizer: Virtualizer<HTMLDivElement, Element>): ScrollView {
  // The virtualizer's offset can overshoot after following an append in a list that doesn't fill the view.
  const offset = Math.min(virtualizer.scrollOffset ?? 0, Math.max(0, virtualizer.getTotalSize() - (virtualizer.scrollRect?.height ?? 0)));
  return {
    atEnd: virtualizer.isAtEnd(NEAR_END),
    nearTop: offset < NEAR_TOP,
    topIndex: virtualizer.getVirtualItems().find((v) => v.end > offset + 12)?.index ?? -1,
  };
}

/**
 * The conversation's messages, virtualized: it stays smooth with tens of thousands of them. Scrolling
 * doesn't render the list: the virtualizer moves the rows in the DOM itself, and the list renders when the
 * rows in view change, or what it shows of the position (see ScrollView); its rows are memoized.
 */
export function MessageList({
  conversation,
  me,
  onMessageInfo,
  onOpenUser,
}: {
  conversation: ConversationSummary;
  me: string;
  onMessageInfo: (seq: number) => void;
  onOpenUser: (user: { id: string; displayName: string }) => void;
}) {
  const t = useTranslations("chat.list");
  const engine = useMessagingEngine();
  // Only the slices the list shows: a receipt or someone typing doesn't render it (each row follows its own ticks).
  const { id, encrypted, kind, peer } = conversation;
  const messages = useMessaging((s) => s.messages[id]) ?? NO_MESSAGES;
  const allPending = useMessaging((s) => s.pending);
  const pending = useMemo(() => pendingIn(allPending, { id, peer }), [allPending, id, peer]);
  const history = useMessaging((s) => s.history[id]);
  const older = useMessaging((s) => hasOlder(s, id));
  const focusNow = useMessaging((s) => s.focus);
  // "Security code changed" notices: the other person's, or in a group each other member's.
  const noticed = useVerification();
  const members = useMessaging((s) => s.groups[id]?.members);
  const changes = useMemo(
    () =>
      securityChangesIn(
        { encrypted, kind, peer },
        (members ?? []).map((m) => m.user.id),
        noticed,
        me,
      ),
    [encrypted, kind, peer, members, noticed, me],
  );
  // Where I had read up to when I opened the chat (opening it reads it all): the unread divider stays there.
  const [unreadAtOpen] = useState(() => ({ readSeq: conversation.mine.readSeq, count: conversation.unreadCount }));
  const firstUnread = unreadAtOpen.readSeq + 1;
  // The divider only once the first unread message is held (it is loaded first: see below).
  const unreadHeld = unreadAtOpen.count > 0 && (!older || (messages[0]?.seq ?? Number.POSITIVE_INFINITY) <= firstUnread);
  const items = useMemo(
    () =>
      withUnreadDivider(
        chatItems(messages, pending, me, !older, encrypted, changes),
        unreadAtOpen.readSeq,
        unreadHeld ? unreadAtOpen.count : 0,
      ),
    [messages, pending, me, older, encrypted, changes, unreadAtOpen, unreadHeld],
  );
  // More unread than the first page holds: older pages load back to the first unread, which is then shown.
  const revealed = useRef(false);
  useEffect(() => {
    if (revealed.current || unreadAtOpen.count === 0 || messages.length === 0) return;
    revealed.current = true;
    if (!unreadHeld) void engine.reveal(id, firstUnread).catch(() => {});
  }, [messages.length, unreadAtOpen.count, unreadHeld, engine, id, firstUnread]);
  const group = useSenderNames(conversation, messages);

  const scroller = useRef<HTMLDivElement>(null);
  const [view, setView] = useState<ScrollView>({ atEnd: true, nearTop: false, topIndex: -1 });
  const shown = useRef(view);
  /** Sets the view when what it shows of the position changed (not on every scroll event). */
  const followView = (instance: Virtualizer<HTMLDivElement, Element>) => {
    const next = scrollViewOf(instance);
    const was = shown.current;
    if (next.atEnd === was.atEnd && next.nearTop === was.nearTop && next.topIndex === was.topIndex) return;
    shown.current = next;
    setView(next);
  };
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => (items[i].kind === "day" ? 44 : 40),
    getItemKey: (i) => items[i].key,
    overscan: 12,
    paddingStart: 12,
    paddingEnd: 12,
    // Keeps the view still when older history is added above, and follows new messages when at the bottom.
    anchorTo: "end",
    followOnAppend: true,
    scrollEndThreshold: NEAR_END,
    // Rows are positioned by the virtualizer in the DOM; a scroll renders the list only when the rows in view change.
    directDomUpdates: true,
    // What the list shows of the position is state, set only when it changes (and after each render: see below).
    onChange: followView,
  });

  const [unseen, setUnseen] = useState(0);
  const seen = useRef<{ count: number; lastKey?: string; atEnd: boolean }>({ count: 0, atEnd: true });
  const { atEnd, nearTop } = view;

  useLayoutEffect(() => {
    const before = seen.current;
    const last = items.at(-1);
    // A chat opens at its first unread message (under the divider), else at the latest.
    const divider = before.count === 0 ? items.findIndex((i) => i.kind === "unread") : -1;
    if (divider >= 0) virtualizer.scrollToIndex(divider, { align: "start" });
    else if (before.count === 0 && items.length > 0) virtualizer.scrollToEnd();
    else if (last && last.key !== before.lastKey && !before.atEnd) {
      // New at the bottom while reading older messages: go down for my own, count the others'.
      const from = items.findIndex((i) => i.key === before.lastKey) + 1;
      const added = items.slice(from).filter((i) => i.kind !== "day");
      if (added.some((i) => i.kind === "pending" || (i.kind === "message" && i.mine))) virtualizer.scrollToEnd();
      else setUnseen((n) => n + added.length);
    }
    seen.current = { count: items.length, lastKey: last?.key, atEnd: virtualizer.isAtEnd(NEAR_END) };
  });

  // The virtualizer reports a change only when the rows in view (or isScrolling) change: the view also
  // follows each render of the list, for the changes it doesn't report. An empty chat, whose first page
  // loads when the view is near the top, has no rows in view before or after it renders (see nearTop below).
  useLayoutEffect(() => followView(virtualizer));

  useEffect(() => {
    if (atEnd) setUnseen(0);
  }, [atEnd]);

  // A message to go to (a quote, a search result, a starred message): scroll it to the middle, highlight it a moment.
  const focus = focusNow?.conversationId === id ? focusNow : null;
  const focusIndex = focus ? items.findIndex((i) => (i.kind === "message" || i.kind === "system") && i.message.seq === focus.seq) : -1;
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs for each new request (its time), once its message is in the list.
  useEffect(() => {
    if (focusIndex < 0) return;
    virtualizer.scrollToIndex(focusIndex, { align: "center" });
    const done = setTimeout(() => engine.store.setFocus(null), 2_000);
    return () => clearTimeout(done);
  }, [focus?.at, focusIndex >= 0]);

  useEffect(() => {
    if (nearTop && older && !history) void engine.loadOlder(id);
  }, [nearTop, older, history, engine, id]);

  // The day being read, floating at the top (WhatsApp-style) unless its own separator is in view.
  const topItem = view.topIndex >= 0 ? items[view.topIndex] : undefined;

  return (
    <div className="relative min-h-0 flex-1 bg-chat">
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard to scroll it. */}
      <div ref={scroller} role="log" aria-label={t("label")} tabIndex={0} className="h-full overflow-y-auto overscroll-contain">
        {history === "error" && (
          <p role="alert" className="flex items-center justify-center gap-2 pt-3 text-sm text-ink-muted">
            {t("loadOlderFailed")}
            <button type="button" className="text-brand-strong underline dark:text-brand" onClick={() => void engine.loadOlder(id)}>
              {t("retry")}
            </button>
          </p>
        )}
        {items.length === 0 && !older && (
          <p className="mx-auto mt-6 w-fit rounded-lg bg-panel px-4 py-2 text-center text-sm text-ink-muted shadow-sm dark:bg-[#182229]">
            {t("empty")}
          </p>
        )}
        <div ref={virtualizer.containerRef} className="relative w-full">
          {virtualizer.getVirtualItems().map((v) => (
            <div
              key={v.key}
              data-index={v.index}
              ref={virtualizer.measureElement}
              // A row's open menu or reaction picker stays above the rows after it.
              className="absolute top-0 start-0 w-full has-[[aria-expanded=true]]:z-30 has-[[role=dialog]]:z-30"
            >
              <MessageRow item={items[v.index]} conversationId={id} group={group} onInfo={onMessageInfo} onOpenUser={onOpenUser} />
            </div>
          ))}
        </div>
      </div>
      {history === "loading" && (
        <div className="absolute inset-x-0 top-3 flex justify-center">
          <span className="rounded-full bg-panel p-2 text-brand shadow-sm">
            <Spinner label={t("loadingOlder")} />
          </span>
        </div>
      )}
      {history !== "loading" && topItem && topItem.kind !== "day" && items.length > 0 && (
        <div aria-hidden className="absolute inset-x-0 top-2 flex justify-center">
          <DayChip at={rowDate(topItem)} floating />
        </div>
      )}
      {!atEnd && (
        <button
          type="button"
          aria-label={t("scrollToLatest")}
          title={t("scrollToLatest")}
          onClick={() => virtualizer.scrollToEnd({ behavior: "smooth" })}
          className="absolute end-5 bottom-4 flex size-11 items-center justify-center rounded-full bg-panel text-ink-muted shadow-md hover:text-ink"
        >
          <ChevronDown aria-hidden className="size-6" />
          {unseen > 0 && (
            <span aria-hidden className="absolute -top-1.5 -start-1.5 min-w-5 rounded-full bg-brand px-1.5 text-xs leading-5 text-white">
              {unseen}
            </span>
          )}
        </button>
      )}
    </div>
  );
}
