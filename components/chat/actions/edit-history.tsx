"use client";

import { useEffect, useId, useRef, useState } from "react";
import { clockTime } from "@/lib/client/format-time";
import type { MessageEditEntry } from "@/lib/contracts/message-actions";
import type { ChatMessage } from "@/lib/contracts/messaging";
import { Button } from "../../ui/button";
import { Spinner } from "../../ui/spinner";
import { useMessagingEngine } from "../use-messaging";

/** An edited message's texts, newest first: what it says now, then each earlier version with when it changed. */
export function EditHistoryDialog({ message, onClose }: { message: ChatMessage | null; onClose: () => void }) {
  const engine = useMessagingEngine();
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [edits, setEdits] = useState<MessageEditEntry[] | "loading" | "error">("loading");
  useEffect(() => {
    const el = dialog.current;
    if (!message) {
      if (el?.open) el.close();
      return;
    }
    if (!el?.open) el?.showModal();
    setEdits("loading");
    engine
      .edits({ conversationId: message.conversationId, seq: message.seq })
      .then(setEdits)
      .catch(() => setEdits("error"));
  }, [engine, message]);

  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      onClose={onClose}
      className="m-auto w-[min(92vw,440px)] rounded-lg bg-panel p-6 text-ink shadow-xl backdrop:bg-black/40 dark:backdrop:bg-black/60"
    >
      <h2 id={titleId} className="text-lg">
        Edit history
      </h2>
      {message && (
        <ol className="mt-4 flex flex-col gap-3">
          <li className="rounded-lg bg-[#d9fdd3] px-3 py-2 dark:bg-[#005c4b]">
            <p className="whitespace-pre-wrap text-sm [overflow-wrap:anywhere]">{message.text}</p>
            <p className="pt-1 text-right text-[11px] text-ink-muted">Now</p>
          </li>
          {edits === "loading" && <Spinner label="Loading edit history" />}
          {edits === "error" && (
            <p role="alert" className="text-sm text-danger">
              Couldn't load the edit history.
            </p>
          )}
          {Array.isArray(edits) &&
            [...edits].reverse().map((e) => (
              <li key={e.version} className="rounded-lg bg-panel-header px-3 py-2">
                <p className="whitespace-pre-wrap text-sm text-ink-muted [overflow-wrap:anywhere]">{e.text}</p>
                <p className="pt-1 text-right text-[11px] text-ink-muted">Until {clockTime(new Date(e.editedAt))}</p>
              </li>
            ))}
        </ol>
      )}
      <div className="mt-6 flex justify-end">
        <Button variant="plain" onClick={onClose}>
          Close
        </Button>
      </div>
    </dialog>
  );
}
