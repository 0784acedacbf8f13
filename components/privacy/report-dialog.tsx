"use client";

import { useId, useState } from "react";
import { useTranslations } from "use-intl";
import { REPORT_MESSAGES, REPORT_REASON_MAX } from "@/lib/contracts/privacy";
import { useMessagingEngine } from "../chat/use-messaging";
import { Button } from "../ui/button";
import { Modal } from "../ui/modal";
import { useAction } from "../ui/use-action";

/**
 * Reports a chat (its other person, or the group) to the server's admins with its last messages; for a
 * person, it can block them too. Nobody is told.
 */
export function ReportDialog({
  open,
  conversationId,
  name,
  person,
  onClose,
  onDone,
}: {
  open: boolean;
  conversationId: string;
  /** The person's or the group's name. */
  name: string;
  /** A one-to-one chat: offer to block the person too. */
  person: boolean;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const t = useTranslations("privacy");
  const engine = useMessagingEngine();
  const id = useId();
  const [reason, setReason] = useState("");
  const [block, setBlock] = useState(person);
  const { busy, error, run } = useAction();
  async function submit() {
    const reported = await run("report", () => engine.report(conversationId, reason, person && block));
    if (!reported) return;
    onDone(person && block ? t("reportDialog.reportedAndBlocked", { name }) : t("reportDialog.reported", { name }));
    onClose();
  }
  return (
    <Modal open={open} title={t("reportName", { name })} onClose={onClose}>
      <p className="mt-3 text-sm text-ink-muted">{t("reportDialog.body", { count: REPORT_MESSAGES, name })}</p>
      <label htmlFor={`${id}-reason`} className="mt-4 block text-sm text-ink">
        {t("reportDialog.reason")}
      </label>
      <textarea
        id={`${id}-reason`}
        value={reason}
        maxLength={REPORT_REASON_MAX}
        rows={3}
        onChange={(e) => setReason(e.target.value)}
        className="mt-1 w-full resize-none rounded-md bg-field px-3 py-2 text-sm text-ink outline-none focus:ring-2 focus:ring-brand"
      />
      {person && (
        <label className="mt-3 flex cursor-pointer items-center gap-3 text-sm text-ink">
          <input
            type="checkbox"
            checked={block}
            onChange={(e) => setBlock(e.target.checked)}
            className="size-4 accent-brand-strong dark:accent-brand"
          />
          {t("blockName", { name })}
        </label>
      )}
      {error && (
        <p role="alert" className="mt-3 text-sm text-danger">
          {error}
        </p>
      )}
      <div className="mt-6 flex justify-end gap-2">
        <Button variant="plain" onClick={onClose} disabled={busy !== null}>
          {t("reportDialog.cancel")}
        </Button>
        <Button onClick={() => void submit()} busy={busy !== null} className="bg-danger! text-white! hover:opacity-90">
          {t("report")}
        </Button>
      </div>
    </Modal>
  );
}
