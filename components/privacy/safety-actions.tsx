"use client";

import { Ban, Flag } from "lucide-react";
import { useState } from "react";
import { useTranslations } from "use-intl";
import { chatTitle } from "@/lib/client/group-view";
import type { ConversationSummary } from "@/lib/contracts/messaging";
import { useMessagingEngine } from "../chat/use-messaging";
import { PaneSection } from "../groups/side-pane";
import { useAction } from "../ui/use-action";
import { BlockDialog } from "./chat-safety";
import { ReportDialog } from "./report-dialog";

const ROW = "flex w-full items-center gap-4 px-8 py-2 text-start text-[15px] text-danger hover:bg-hover focus-visible:bg-hover";

/** The end of a chat's info: block or unblock the person, report them or the group. */
export function SafetyActions({ conversation }: { conversation: ConversationSummary }) {
  const t = useTranslations("privacy");
  const engine = useMessagingEngine();
  const [dialog, setDialog] = useState<"block" | "report" | null>(null);
  const { busy, error, run } = useAction();
  const [done, setDone] = useState<string | null>(null);
  const peer = conversation.peer;
  const name = peer ? peer.displayName : chatTitle(conversation);

  async function block(blocked: boolean) {
    if (!peer) return;
    setDone(null);
    if (!(await run("block", () => engine.block(peer.id, blocked)))) return;
    setDialog(null);
    setDone(blocked ? t("safety.blocked", { name }) : t("safety.unblocked", { name }));
  }

  return (
    <PaneSection>
      {peer &&
        (conversation.blocked ? (
          <button type="button" className={ROW} disabled={busy !== null} onClick={() => void block(false)}>
            <Ban aria-hidden className="size-5" />
            {t("unblockName", { name })}
          </button>
        ) : (
          <button type="button" className={ROW} onClick={() => setDialog("block")}>
            <Ban aria-hidden className="size-5" />
            {t("blockName", { name })}
          </button>
        ))}
      <button type="button" className={ROW} onClick={() => setDialog("report")}>
        <Flag aria-hidden className="size-5" />
        {peer ? t("reportName", { name }) : t("safety.reportGroup")}
      </button>
      {(error ?? done) && (
        <p role={error ? "alert" : "status"} className={`px-8 pt-1 text-sm ${error ? "text-danger" : "text-ink-muted"}`}>
          {error ?? done}
        </p>
      )}
      <BlockDialog
        open={dialog === "block"}
        name={name}
        busy={busy !== null}
        onConfirm={() => void block(true)}
        onCancel={() => setDialog(null)}
      />
      <ReportDialog
        open={dialog === "report"}
        conversationId={conversation.id}
        name={name}
        person={peer !== null}
        onClose={() => setDialog(null)}
        onDone={setDone}
      />
    </PaneSection>
  );
}
