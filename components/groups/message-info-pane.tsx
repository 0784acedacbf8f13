"use client";

import { useEffect, useMemo, useState } from "react";
import { useTranslations } from "use-intl";
import { splitInfo } from "@/lib/client/group-view";
import { mentionable } from "@/lib/client/mentions";
import type { MessageInfo } from "@/lib/contracts/groups";
import { type ConversationSummary, messageStatus } from "@/lib/contracts/messaging";
import { MessageBubble } from "../chat/message-bubble";
import { useMessaging, useMessagingEngine } from "../chat/use-messaging";
import { Button } from "../ui/button";
import { Spinner } from "../ui/spinner";
import { InfoList } from "./message-info-list";
import { PaneSection, SidePane } from "./side-pane";

const INFO_REFRESH_MS = 5000;

/**
 * Who has one of my messages: "Read by" and "Delivered to" with each member's time, and in groups the
 * counts ("Read by 812 of 1,000"). Members come a page at a time; while only the first page is shown it
 * follows the ticks live.
 */
export function MessageInfoPane({ conversation, seq, onClose }: { conversation: ConversationSummary; seq: number; onClose: () => void }) {
  const t = useTranslations("groups");
  const engine = useMessagingEngine();
  const held = useMessaging((s) => s.messages[conversation.id]);
  const message = held?.find((m) => m.seq === seq);
  const members = useMessaging((s) => s.groups[conversation.id]?.members);
  const mentions = useMemo(() => mentionable(members), [members]);
  /** The members loaded so far, with the counts and cursor of the last page. */
  const [info, setInfo] = useState<MessageInfo | null>(null);
  const [pages, setPages] = useState(1);
  const [error, setError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const { id, ticks } = conversation;

  // Only the group's ticks are pushed, not each member's receipt, so the first page reloads when the ticks
  // move and every few seconds while it is open (unless more pages are shown).
  // biome-ignore lint/correctness/useExhaustiveDependencies: `ticks` is the trigger, not an input.
  useEffect(() => {
    if (pages > 1) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout>;
    const load = (delay: number) => {
      timer = setTimeout(() => {
        engine.groups.messageInfo(id, seq, null).then(
          (page) => {
            if (!live) return;
            setInfo(page);
            setError(null);
            load(INFO_REFRESH_MS);
          },
          (e: Error) => live && setError(e.message),
        );
      }, delay);
    };
    load(150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [engine, id, seq, ticks, pages]);

  async function more() {
    if (!info?.nextCursor) return;
    setLoadingMore(true);
    try {
      const page = await engine.groups.messageInfo(id, seq, info.nextCursor);
      setInfo({ ...page, members: [...info.members, ...page.members] });
      setPages((n) => n + 1);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setLoadingMore(false);
    }
  }

  const group = conversation.kind === "group";
  const parts = info ? splitInfo(info.members) : null;
  return (
    <SidePane label={t("messageInfo.title")} title={t("messageInfo.title")} closeLabel={t("messageInfo.close")} onClose={onClose}>
      {message && (
        <div className="bg-chat py-6">
          <MessageBubble
            id={message.id}
            text={message.text}
            at={new Date(message.createdAt)}
            mine
            first
            sender={t("you")}
            mentions={mentions}
            status={messageStatus(message.seq, conversation)}
          />
        </div>
      )}
      {error && (
        <p role="alert" className="mt-2.5 bg-panel px-8 py-4 text-sm text-danger">
          {error}
        </p>
      )}
      {!info || !parts ? (
        !error && (
          <div className="flex justify-center py-8 text-brand">
            <Spinner label={t("messageInfo.loading")} />
          </div>
        )
      ) : (
        <>
          <InfoList
            heading={group ? t("messageInfo.readByCount", { count: info.readCount, total: info.total }) : t("messageInfo.readBy")}
            entries={parts.read}
            time="read"
            empty={t("messageInfo.nobodyRead")}
          />
          <InfoList
            heading={
              group ? t("messageInfo.deliveredToCount", { count: info.deliveredCount, total: info.total }) : t("messageInfo.deliveredTo")
            }
            entries={[...parts.read, ...parts.delivered]}
            time="delivered"
            empty={t("messageInfo.nobodyDelivered")}
          />
          {parts.waiting.length > 0 && (
            <InfoList
              heading={
                group
                  ? t("messageInfo.notDeliveredCount", { count: info.total - info.deliveredCount, total: info.total })
                  : t("messageInfo.notDelivered")
              }
              entries={parts.waiting}
              time={null}
            />
          )}
          {info.nextCursor && (
            <PaneSection>
              <div className="flex justify-center">
                <Button variant="plain" busy={loadingMore} onClick={() => void more()}>
                  {t("messageInfo.loadMore")}
                </Button>
              </div>
            </PaneSection>
          )}
        </>
      )}
    </SidePane>
  );
}
