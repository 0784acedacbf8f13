"use client";

import { SendHorizontal } from "lucide-react";
import { type FormEvent, type KeyboardEvent, useEffect, useId, useLayoutEffect, useRef, useState } from "react";
import { MESSAGE_TEXT_MAX } from "@/lib/contracts/messaging";
import { IconButton } from "../ui/icon-button";
import { useMessagingEngine } from "./use-messaging";

/** The counter appears this close to the limit. */
const WARN_AT = MESSAGE_TEXT_MAX - 200;
const MAX_HEIGHT = 144;
/** Unsent text per conversation, kept while another chat is open. */
const drafts = new Map<string, string>();

/** The message box: Enter sends, Shift+Enter adds a line. Over-long text is kept and flagged, never cut. */
export function Composer({ conversationId }: { conversationId: string }) {
  const engine = useMessagingEngine();
  const [text, setText] = useState(() => drafts.get(conversationId) ?? "");
  const [error, setError] = useState<string | null>(null);
  const box = useRef<HTMLTextAreaElement>(null);
  const noteId = useId();
  // Counted in characters (code points) like the server, so an emoji counts once.
  const length = [...text].length;
  const over = length - MESSAGE_TEXT_MAX;
  const canSend = text.trim().length > 0 && over <= 0;

  useEffect(() => {
    box.current?.focus();
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: grows the textarea with its text (up to MAX_HEIGHT) after each change.
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    el.style.height = "auto";
    el.style.height = `${Math.min(el.scrollHeight, MAX_HEIGHT)}px`;
  }, [text]);

  function change(value: string) {
    setText(value);
    setError(null);
    drafts.set(conversationId, value);
    if (value.trim()) engine.notifyTyping(conversationId);
  }

  function submit(event?: FormEvent) {
    event?.preventDefault();
    if (!canSend) return;
    change("");
    engine.send(conversationId, text).catch((e: Error) => {
      change(text);
      setError(e.message);
    });
    box.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  }

  const note = error ?? (over > 0 ? `Too long by ${over} characters: shorten it to send.` : null);
  return (
    <form onSubmit={submit} className="flex shrink-0 flex-col gap-1 border-l border-line bg-panel-header px-3 py-2 md:px-4">
      <div className="flex items-end gap-2">
        <div className="flex min-h-[42px] flex-1 items-center rounded-lg bg-panel px-3 ring-brand focus-within:ring-1 dark:bg-[#2a3942]">
          <textarea
            ref={box}
            aria-label="Message"
            placeholder="Type a message"
            rows={1}
            value={text}
            onChange={(e) => change(e.target.value)}
            onKeyDown={onKeyDown}
            aria-invalid={over > 0 || undefined}
            aria-describedby={length > WARN_AT || note ? noteId : undefined}
            className="block w-full resize-none bg-transparent py-[9px] text-[15px] leading-6 text-ink outline-none! placeholder:text-ink-muted"
          />
        </div>
        <IconButton
          label="Send"
          type="submit"
          disabled={!canSend}
          className="mb-px text-ink-muted enabled:text-brand-strong dark:enabled:text-brand"
        >
          <SendHorizontal aria-hidden className="size-6" />
        </IconButton>
      </div>
      {(length > WARN_AT || note) && (
        <p id={noteId} aria-live="polite" className={`px-1 text-xs ${note ? "text-danger" : "text-ink-muted"}`}>
          {note ? `${note} ` : ""}
          {length.toLocaleString()} / {MESSAGE_TEXT_MAX.toLocaleString()}
        </p>
      )}
    </form>
  );
}
