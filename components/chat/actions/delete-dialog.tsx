"use client";

import { useState } from "react";
import { DEFAULT_DELETE_WINDOW_HOURS } from "@/lib/contracts/message-actions";
import type { ChatMessage } from "@/lib/contracts/messaging";
import { Button } from "../../ui/button";
import { Modal } from "../../ui/modal";
import { useMessagingEngine } from "../use-messaging";

/**
 * "Delete message?": for me (always) and for everyone (my own messages while the window lasts, anyone's
 * for a group admin; the server has the last word and its reason is shown).
 */
export function DeleteDialog({
  message,
  mine,
  admin,
  onClose,
  onFailed,
}: {
  message: ChatMessage | null;
  mine: boolean;
  /** I administer the group the message is in. */
  admin: boolean;
  onClose: () => void;
  onFailed: (reason: string) => void;
}) {
  const engine = useMessagingEngine();
  const [busy, setBusy] = useState(false);
  const forEveryone =
    message !== null &&
    message.type !== "deleted" &&
    (admin || (mine && Date.now() - Date.parse(message.createdAt) < DEFAULT_DELETE_WINDOW_HOURS * 3_600_000));

  async function remove(scope: "me" | "everyone") {
    if (!message) return;
    setBusy(true);
    try {
      await engine.deleteMessage({ conversationId: message.conversationId, seq: message.seq }, scope);
    } catch (e) {
      onFailed((e as Error).message);
    } finally {
      setBusy(false);
      onClose();
    }
  }

  return (
    <Modal open={message !== null} title="Delete message?" onClose={onClose}>
      <div className="mt-6 flex flex-col items-end gap-2">
        {forEveryone && (
          <Button variant="plain" disabled={busy} onClick={() => void remove("everyone")}>
            Delete for everyone
          </Button>
        )}
        <Button variant="plain" disabled={busy} onClick={() => void remove("me")}>
          Delete for me
        </Button>
        <Button variant="plain" disabled={busy} onClick={onClose}>
          Cancel
        </Button>
      </div>
    </Modal>
  );
}
