"use client";

import { type FormEvent, useEffect, useState } from "react";
import { useTranslations } from "use-intl";
import { type ChatMessage, MESSAGE_TEXT_MAX } from "@/lib/contracts/messaging";
import { Button } from "../../ui/button";
import { Modal } from "../../ui/modal";
import { useMessagingEngine } from "../use-messaging";

/** "Edit message": the text in a box, saved with Enter or Save; the server's refusal (e.g. too late) shows here. */
export function EditDialog({ message, onClose }: { message: ChatMessage | null; onClose: () => void }) {
  const t = useTranslations("chatActions");
  const engine = useMessagingEngine();
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!message) return;
    setText(message.text);
    setError(null);
  }, [message]);
  const over = [...text].length > MESSAGE_TEXT_MAX;

  async function save(event?: FormEvent) {
    event?.preventDefault();
    if (!message || !text.trim() || over) return;
    if (text === message.text) return onClose();
    setBusy(true);
    try {
      await engine.edit({ conversationId: message.conversationId, seq: message.seq }, text);
      onClose();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open={message !== null} title={t("editDialog.title")} onClose={onClose} className="w-[min(92vw,480px)] p-6">
      <form onSubmit={save}>
        <textarea
          aria-label={t("editDialog.textLabel")}
          value={text}
          rows={3}
          onChange={(e) => {
            setText(e.target.value);
            setError(null);
          }}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) void save(e);
          }}
          className="mt-4 block w-full resize-none rounded-lg bg-panel-header px-3 py-2 text-[15px] text-ink outline-none ring-brand focus:ring-1"
        />
        {(error || over) && (
          <p role="alert" className="pt-2 text-sm text-danger">
            {error ?? t("editDialog.tooLong", { max: MESSAGE_TEXT_MAX })}
          </p>
        )}
        <div className="mt-6 flex justify-end gap-2">
          <Button variant="plain" onClick={onClose} disabled={busy}>
            {t("cancel")}
          </Button>
          <Button type="submit" busy={busy} disabled={!text.trim() || over}>
            {t("editDialog.save")}
          </Button>
        </div>
      </form>
    </Modal>
  );
}
