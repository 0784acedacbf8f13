"use client";

import { useState } from "react";
import { useTranslations } from "use-intl";
import { DEFAULT_DELETE_WINDOW_HOURS } from "@/lib/contracts/message-actions";
import type { ChatMessage } from "@/lib/contracts/messaging";
import { Button } from "../../ui/button";
import { Modal } from "../../ui/modal";
import { useMessagingEngine } from "../use-messaging";

/**
 * "Delete message?" (or "Delete 3 messages?" for a selection): for me (always) and for everyone (my own
 * messages while the window lasts, anyone's for a group admin; offered when every one of them may be; the
 * server has the last word and its reason is shown).
 */
export function DeleteDialog({
  messages,
  me,
  admin,
  onClose,
  onFailed,
}: {
  messages: ChatMessage[] | null;
  me: string;
  /** I administer the group the messages are in. */
  admin: boolean;
  onClose: () => void;
  onFailed: (reason: string) => void;
}) {
  const t = useTranslations("chatActions");
  const engine = useMessagingEngine();
  const [busy, setBusy] = useState(false);
  const forEveryone =
    messages?.every(
      (m) =>
        m.type !== "deleted" &&
        (admin || (m.senderId === me && Date.now() - Date.parse(m.createdAt) < DEFAULT_DELETE_WINDOW_HOURS * 3_600_000)),
    ) ?? false;

  async function remove(scope: "me" | "everyone") {
    if (!messages) return;
    setBusy(true);
    try {
      for (const m of messages) await engine.deleteMessage({ conversationId: m.conversationId, seq: m.seq }, scope);
    } catch (e) {
      onFailed((e as Error).message);
    } finally {
      setBusy(false);
      onClose();
    }
  }

  const count = messages?.length ?? 0;
  return (
    <Modal open={messages !== null} title={t("deleteDialog.title", { count: Math.max(count, 1) })} onClose={onClose}>
      <div className="mt-6 flex flex-col items-end gap-2">
        {forEveryone && (
          <Button variant="plain" disabled={busy} onClick={() => void remove("everyone")}>
            {t("deleteDialog.forEveryone")}
          </Button>
        )}
        <Button variant="plain" disabled={busy} onClick={() => void remove("me")}>
          {t("deleteDialog.forMe")}
        </Button>
        <Button variant="plain" disabled={busy} onClick={onClose}>
          {t("cancel")}
        </Button>
      </div>
    </Modal>
  );
}
