"use client";

import { SendHorizontal } from "lucide-react";
import { useState } from "react";
import { useTranslations } from "use-intl";
import { MESSAGE_TEXT_MAX } from "@/lib/contracts/messaging";
import { IconButton } from "../ui/icon-button";

/**
 * The viewer's reply to someone's status. While it has focus the status holds (`onHold`), as in WhatsApp;
 * Escape leaves it and the status plays on, rather than closing the viewer.
 */
export function ReplyBox({
  to,
  onSend,
  onHold,
}: {
  /** The poster's name. */
  to: string;
  /** Sends the reply; resolves when sent, rejects with the reason. */
  onSend: (text: string) => Promise<void>;
  onHold: (held: boolean) => void;
}) {
  const t = useTranslations("status.reply");
  const [reply, setReply] = useState("");
  const send = async () => {
    if (!reply.trim()) return;
    await onSend(reply.trim());
    setReply("");
    (document.activeElement as HTMLElement | null)?.blur();
  };
  return (
    <form
      className="flex w-full items-center gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        void send().catch(() => {});
      }}
    >
      <input
        value={reply}
        onChange={(e) => setReply(e.target.value)}
        onFocus={() => onHold(true)}
        onBlur={() => onHold(false)}
        onKeyDown={(e) => {
          if (e.key !== "Escape") return;
          e.preventDefault();
          e.currentTarget.blur();
        }}
        aria-label={t("label", { name: to })}
        placeholder={t("placeholder")}
        maxLength={MESSAGE_TEXT_MAX}
        className="h-11 min-w-0 flex-1 rounded-full border border-white/25 bg-black/40 px-5 text-[15px] text-white placeholder:text-white/70 focus:border-white/60 focus:outline-none"
      />
      <IconButton
        type="submit"
        label={t("send")}
        disabled={!reply.trim()}
        className="size-11 shrink-0 bg-brand text-[#111b21]! hover:bg-[#06cf9c]!"
      >
        <SendHorizontal aria-hidden className="size-5" />
      </IconButton>
    </form>
  );
}
