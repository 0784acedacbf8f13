"use client";

import { Ban, Flag, ShieldQuestion } from "lucide-react";
import { useState } from "react";
import type { ConversationSummary } from "@/lib/contracts/messaging";
import { useMessagingEngine } from "../chat/use-messaging";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { useAction } from "../ui/use-action";
import { ReportDialog } from "./report-dialog";

/** What to do about a message request: accept it, block its sender, or report them. */
export function RequestBanner({ conversation, onNotice }: { conversation: ConversationSummary; onNotice: (message: string) => void }) {
  const engine = useMessagingEngine();
  const [dialog, setDialog] = useState<"block" | "report" | null>(null);
  const { busy, error, run } = useAction();
  const peer = conversation.peer;
  if (!peer) return null;
  return (
    <section
      aria-label="Message request"
      className="flex shrink-0 flex-col items-center gap-2 border-s border-t border-line bg-panel-header px-4 py-4 text-center"
    >
      <ShieldQuestion aria-hidden className="size-7 text-ink-muted" />
      <p className="text-ink">{peer.displayName} isn't in your contacts</p>
      <p className="max-w-md text-sm text-ink-muted">
        They won't see when you've read their messages or when you're online until you accept. Replying accepts too.
      </p>
      {error && (
        <p role="alert" className="text-sm text-danger">
          {error}
        </p>
      )}
      <div className="mt-1 flex flex-wrap justify-center gap-2">
        <Button variant="plain" className="text-danger!" onClick={() => setDialog("block")} disabled={busy !== null}>
          <Ban aria-hidden className="size-4" />
          Block
        </Button>
        <Button variant="plain" className="text-danger!" onClick={() => setDialog("report")} disabled={busy !== null}>
          <Flag aria-hidden className="size-4" />
          Report
        </Button>
        <Button busy={busy === "accept"} onClick={() => void run("accept", () => engine.acceptRequest(conversation.id))}>
          Accept
        </Button>
      </div>
      <BlockDialog
        open={dialog === "block"}
        name={peer.displayName}
        busy={busy === "block"}
        onCancel={() => setDialog(null)}
        onConfirm={() => void run("block", () => engine.block(peer.id, true)).then(() => setDialog(null))}
      />
      <ReportDialog
        open={dialog === "report"}
        conversationId={conversation.id}
        name={peer.displayName}
        person
        onClose={() => setDialog(null)}
        onDone={onNotice}
      />
    </section>
  );
}

/** Takes the composer's place in a chat with someone I blocked. */
export function BlockedBar({ conversation }: { conversation: ConversationSummary }) {
  const engine = useMessagingEngine();
  const { busy, error, run } = useAction();
  const peer = conversation.peer;
  if (!peer) return null;
  return (
    <div className="flex min-h-[58px] shrink-0 flex-col items-center justify-center border-s border-line bg-panel-header px-4 py-3 text-center text-sm">
      <p className="flex flex-wrap items-center justify-center gap-x-2 text-ink-muted">
        <Ban aria-hidden className="size-4 shrink-0" />
        You blocked {peer.displayName}.
        <Button variant="plain" busy={busy !== null} onClick={() => void run("unblock", () => engine.block(peer.id, false))}>
          Unblock
        </Button>
      </p>
      {error && (
        <p role="alert" className="text-danger">
          {error}
        </p>
      )}
    </div>
  );
}

/** "Block Ana?": what blocking does, asked before doing it. */
export function BlockDialog({
  open,
  name,
  busy,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  name: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <ConfirmDialog open={open} title={`Block ${name}?`} confirmLabel="Block" busy={busy} onConfirm={onConfirm} onCancel={onCancel}>
      Blocked contacts can't message you, see your last seen, online, profile photo, about or status updates, or add you to groups. They
      won't be told.
    </ConfirmDialog>
  );
}
