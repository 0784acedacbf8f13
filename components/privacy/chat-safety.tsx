"use client";

import { Ban, Flag, ShieldQuestion } from "lucide-react";
import { useState } from "react";
import { useTranslations } from "use-intl";
import type { ConversationSummary } from "@/lib/contracts/messaging";
import { useMessagingEngine } from "../chat/use-messaging";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { useAction } from "../ui/use-action";
import { ReportDialog } from "./report-dialog";

/** What to do about a message request: accept it, block its sender, or report them. */
export function RequestBanner({ conversation, onNotice }: { conversation: ConversationSummary; onNotice: (message: string) => void }) {
  const t = useTranslations("privacy");
  const engine = useMessagingEngine();
  const [dialog, setDialog] = useState<"block" | "report" | null>(null);
  const { busy, error, run } = useAction();
  const peer = conversation.peer;
  if (!peer) return null;
  return (
    <section
      aria-label={t("request.label")}
      className="flex shrink-0 flex-col items-center gap-2 border-s border-t border-line bg-panel-header px-4 py-4 text-center"
    >
      <ShieldQuestion aria-hidden className="size-7 text-ink-muted" />
      <p className="text-ink">{t("request.notInContacts", { name: peer.displayName })}</p>
      <p className="max-w-md text-sm text-ink-muted">{t("request.body")}</p>
      {error && (
        <p role="alert" className="text-sm text-danger">
          {error}
        </p>
      )}
      <div className="mt-1 flex flex-wrap justify-center gap-2">
        <Button variant="plain" className="text-danger!" onClick={() => setDialog("block")} disabled={busy !== null}>
          <Ban aria-hidden className="size-4" />
          {t("block")}
        </Button>
        <Button variant="plain" className="text-danger!" onClick={() => setDialog("report")} disabled={busy !== null}>
          <Flag aria-hidden className="size-4" />
          {t("report")}
        </Button>
        <Button busy={busy === "accept"} onClick={() => void run("accept", () => engine.acceptRequest(conversation.id))}>
          {t("request.accept")}
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
  const t = useTranslations("privacy");
  const engine = useMessagingEngine();
  const { busy, error, run } = useAction();
  const peer = conversation.peer;
  if (!peer) return null;
  return (
    <div className="flex min-h-[58px] shrink-0 flex-col items-center justify-center border-s border-line bg-panel-header px-4 py-3 text-center text-sm">
      <p className="flex flex-wrap items-center justify-center gap-x-2 text-ink-muted">
        <Ban aria-hidden className="size-4 shrink-0" />
        {t("blockedBar", { name: peer.displayName })}
        <Button variant="plain" busy={busy !== null} onClick={() => void run("unblock", () => engine.block(peer.id, false))}>
          {t("unblock")}
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
  const t = useTranslations("privacy");
  return (
    <ConfirmDialog
      open={open}
      title={t("blockDialog.title", { name })}
      confirmLabel={t("block")}
      busy={busy}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      {t("blockDialog.body")}
    </ConfirmDialog>
  );
}
