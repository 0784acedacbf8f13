"use client";

import { useEffect, useState } from "react";
import { useTranslations } from "use-intl";
import { useTimeFormat } from "@/components/i18n/use-time-format";
import type { MessageEditEntry } from "@/lib/contracts/message-actions";
import type { ChatMessage } from "@/lib/contracts/messaging";
import { Button } from "../../ui/button";
import { Modal } from "../../ui/modal";
import { Spinner } from "../../ui/spinner";
import { useMessagingEngine } from "../use-messaging";

/** An edited message's texts, newest first: what it says now, then each earlier version with when it changed. */
export function EditHistoryDialog({ message, onClose }: { message: ChatMessage | null; onClose: () => void }) {
  const t = useTranslations("chatActions");
  const time = useTimeFormat();
  const engine = useMessagingEngine();
  const [edits, setEdits] = useState<MessageEditEntry[] | "loading" | "error">("loading");
  useEffect(() => {
    if (!message) return;
    setEdits("loading");
    engine
      .edits({ conversationId: message.conversationId, seq: message.seq })
      .then(setEdits)
      .catch(() => setEdits("error"));
  }, [engine, message]);

  return (
    <Modal open={message !== null} title={t("editHistory.title")} onClose={onClose} className="w-[min(92vw,440px)] p-6">
      {message && (
        <ol className="mt-4 flex flex-col gap-3">
          <li className="rounded-lg bg-[#d9fdd3] px-3 py-2 dark:bg-[#005c4b]">
            <p className="whitespace-pre-wrap text-sm [overflow-wrap:anywhere]">{message.text}</p>
            <p className="pt-1 text-end text-[11px] text-ink-muted">{t("editHistory.now")}</p>
          </li>
          {edits === "loading" && <Spinner label={t("editHistory.loading")} />}
          {edits === "error" && (
            <p role="alert" className="text-sm text-danger">
              {t("editHistory.loadFailed")}
            </p>
          )}
          {Array.isArray(edits) &&
            [...edits].reverse().map((e) => (
              <li key={e.version} className="rounded-lg bg-panel-header px-3 py-2">
                <p className="whitespace-pre-wrap text-sm text-ink-muted [overflow-wrap:anywhere]">{e.text}</p>
                <p className="pt-1 text-end text-[11px] text-ink-muted">
                  {t("editHistory.until", { time: time.clock(new Date(e.editedAt)) })}
                </p>
              </li>
            ))}
        </ol>
      )}
      <div className="mt-6 flex justify-end">
        <Button variant="plain" onClick={onClose}>
          {t("close")}
        </Button>
      </div>
    </Modal>
  );
}
