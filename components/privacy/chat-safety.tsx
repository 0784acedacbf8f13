"use client";

import { Ban, Flag, ShieldQuestion } from "lucide-react";
import { useState } from "react";
import type { ConversationSummary } from "@/lib/contracts/messaging";
import { useMessagingEngine } from "../chat/use-messaging";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { ReportDialog } from "./report-dialog";

/** What to do about a message request: accept it, block its sender, or report them. */
export function RequestBanner({ conversation, onFailed }: { conversation: ConversationSummary; onFailed: (message: string) => void }) {
  const engine = useMessagingEngine();
  const [reporting, setReporting] = useState(false);
  const [blocking, setBlocking] = useState(false);
  const [busy, setBusy] = useState(false);
  const peer = conversation.peer;
  if (!peer) return null;
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    try {
      await action();
    } catch (e) {
      onFailed((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section
      aria-label="Message request"
      className="flex shrink-0 flex-col items-center gap-2 border-l border-t border-line bg-panel-header px-4 py-4 text-center"
    >
      <ShieldQuestion aria-hidden className="size-7 text-ink-muted" />
      <p className="text-ink">{peer.displayName} isn't in your contacts</p>
      <p className="max-w-md text-sm text-ink-muted">
        They won't see when you've read their messages or when you're online until you accept. Replying accepts too.
      </p>
      <div className="mt-1 flex flex-wrap justify-center gap-2">
        <Button variant="plain" className="text-danger!" onClick={() => setBlocking(true)} disabled={busy}>
          <Ban aria-hidden className="size-4" />
          Block
        </Button>
        <Button variant="plain" className="text-danger!" onClick={() => setReporting(true)} disabled={busy}>
          <Flag aria-hidden className="size-4" />
          Report
        </Button>
        <Button busy={busy} onClick={() => void run(() => engine.acceptRequest(conversation.id))}>
          Accept
        </Button>
      </div>
      <BlockDialog
        open={blocking}
        name={peer.displayName}
        onCancel={() => setBlocking(false)}
        onConfirm={() => void run(() => engine.block(peer.id, true)).then(() => setBlocking(false))}
        busy={busy}
      />
      <ReportDialog
        open={reporting}
        conversationId={conversation.id}
        name={peer.displayName}
        person
        onClose={() => setReporting(false)}
        onDone={onFailed}
      />
    </section>
  );
}

/** Takes the composer's place in a chat with someone I blocked. */
export function BlockedBar({ conversation, onFailed }: { conversation: ConversationSummary; onFailed: (message: string) => void }) {
  const engine = useMessagingEngine();
  const [busy, setBusy] = useState(false);
  const peer = conversation.peer;
  if (!peer) return null;
  return (
    <p className="flex min-h-[58px] shrink-0 flex-wrap items-center justify-center gap-x-2 border-l border-line bg-panel-header px-4 py-3 text-center text-sm text-ink-muted">
      <Ban aria-hidden className="size-4 shrink-0" />
      You blocked {peer.displayName}.
      <Button
        variant="plain"
        busy={busy}
        onClick={() => {
          setBusy(true);
          engine
            .block(peer.id, false)
            .catch((e: Error) => onFailed(e.message))
            .finally(() => setBusy(false));
        }}
      >
        Unblock
      </Button>
    </p>
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
