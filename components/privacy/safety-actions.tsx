"use client";

import { Ban, Flag } from "lucide-react";
import { useState } from "react";
import { chatTitle } from "@/lib/client/group-view";
import type { ConversationSummary } from "@/lib/contracts/messaging";
import { useMessagingEngine } from "../chat/use-messaging";
import { PaneSection } from "../groups/side-pane";
import { BlockDialog } from "./chat-safety";
import { ReportDialog } from "./report-dialog";

const ROW = "flex w-full items-center gap-4 px-8 py-2 text-left text-[15px] text-danger hover:bg-hover focus-visible:bg-hover";

/** The end of a chat's info: block or unblock the person, report them or the group. */
export function SafetyActions({ conversation }: { conversation: ConversationSummary }) {
  const engine = useMessagingEngine();
  const [dialog, setDialog] = useState<"block" | "report" | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const peer = conversation.peer;
  const name = peer ? peer.displayName : chatTitle(conversation);

  async function block(blocked: boolean) {
    if (!peer) return;
    setBusy(true);
    setMessage(null);
    try {
      await engine.block(peer.id, blocked);
      setDialog(null);
      setMessage(blocked ? `${name} is blocked` : `${name} is unblocked`);
    } catch (e) {
      setMessage((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <PaneSection>
      {peer &&
        (conversation.blocked ? (
          <button type="button" className={ROW} disabled={busy} onClick={() => void block(false)}>
            <Ban aria-hidden className="size-5" />
            Unblock {name}
          </button>
        ) : (
          <button type="button" className={ROW} onClick={() => setDialog("block")}>
            <Ban aria-hidden className="size-5" />
            Block {name}
          </button>
        ))}
      <button type="button" className={ROW} onClick={() => setDialog("report")}>
        <Flag aria-hidden className="size-5" />
        {peer ? `Report ${name}` : "Report group"}
      </button>
      {message && (
        <p role="status" className="px-8 pt-1 text-sm text-ink-muted">
          {message}
        </p>
      )}
      <BlockDialog open={dialog === "block"} name={name} busy={busy} onConfirm={() => void block(true)} onCancel={() => setDialog(null)} />
      <ReportDialog
        open={dialog === "report"}
        conversationId={conversation.id}
        name={name}
        person={peer !== null}
        onClose={() => setDialog(null)}
        onDone={setMessage}
      />
    </PaneSection>
  );
}
