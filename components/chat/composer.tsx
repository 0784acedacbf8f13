"use client";

import { Contact, FileText, Images, MapPin, Paperclip, SendHorizontal, Smile, X } from "lucide-react";
import { type ClipboardEvent, type FormEvent, type KeyboardEvent, useEffect, useId, useLayoutEffect, useRef, useState } from "react";
import { useTranslations } from "use-intl";
import { draftOf, setDraft } from "@/lib/client/drafts";
import { mentionQuery, mentionSuggestions } from "@/lib/client/mentions";
import { draftType } from "@/lib/client/message-preview";
import type { GroupMember } from "@/lib/contracts/groups";
import { type ChatMessage, MESSAGE_TEXT_MAX, quoteOf } from "@/lib/contracts/messaging";
import { Menu } from "../shell/menu";
import { Avatar } from "../ui/avatar";
import { IconButton } from "../ui/icon-button";
import { QuotedMessageBlock } from "./actions/quoted-message";
import { ContactPicker } from "./compose/contact-picker";
import { LazyEmojiPanel } from "./compose/lazy-emoji-panel";
import { LinkPreviewDraftCard } from "./compose/link-preview-draft";
import { LocationDialog } from "./compose/location-dialog";
import { type Draft, MediaDraft } from "./compose/media-draft";
import { useLinkPreview } from "./compose/use-link-preview";
import { VoiceRecorder } from "./compose/voice-recorder";
import { useMessaging, useMessagingEngine } from "./use-messaging";

/** The counter appears this close to the limit. */
const WARN_AT = MESSAGE_TEXT_MAX - 200;
const MAX_HEIGHT = 144;

/**
 * The message box: Enter sends, Shift+Enter adds a line. Over-long text is kept and flagged, never cut.
 * Attach sends photos, videos, documents (previewed with a caption first), a location or a contact; the
 * mic records a voice note while the box is empty. Pasted files join the preview, like dropped ones. The
 * first link typed gets a preview card (the "Link previews" setting allowing), sent inside the message.
 */
export function Composer({
  conversationId,
  me,
  drafts,
  onDrafts,
  replyTo,
  onCancelReply,
}: {
  conversationId: string;
  me: string;
  /** Files waiting in the preview (the chat pane adds dropped ones). */
  drafts: Draft[];
  onDrafts: (drafts: Draft[]) => void;
  /** The message being replied to (shown above the box; the next text message quotes it). */
  replyTo: ChatMessage | null;
  onCancelReply: () => void;
}) {
  const t = useTranslations("chat");
  // The names a reply quotes (the sender's, else the chat's peer).
  const replySender = useMessaging((s) =>
    replyTo ? (s.users[replyTo.senderId] ?? s.conversations[conversationId]?.peer)?.displayName : undefined,
  );
  const engine = useMessagingEngine();
  const [dialog, setDialog] = useState<"location" | "contact" | null>(null);
  const [recording, setRecording] = useState(false);
  const [emojiOpen, setEmojiOpen] = useState(false);
  // A mention being typed in a group ("@ci" before the caret): members to pick, by name.
  const [mention, setMention] = useState<{ query: string; start: number } | null>(null);
  const [activeMention, setActiveMention] = useState(0);
  const members = useMessaging((s) => (s.conversations[conversationId]?.group ? s.groups[conversationId]?.members : undefined));
  const suggestions = mention && members ? mentionSuggestions(members, me, mention.query) : [];
  const listId = useId();
  const mediaInput = useRef<HTMLInputElement>(null);
  const documentInput = useRef<HTMLInputElement>(null);
  const [text, setText] = useState(() => draftOf(conversationId));
  const [error, setError] = useState<string | null>(null);
  const linkPreview = useLinkPreview(text);
  const box = useRef<HTMLTextAreaElement>(null);
  const noteId = useId();
  // Counted in characters (code points) like the server, so an emoji counts once.
  const length = [...text].length;
  const over = length - MESSAGE_TEXT_MAX;
  const canSend = text.trim().length > 0 && over <= 0;

  // biome-ignore lint/correctness/useExhaustiveDependencies: back to the box on opening, and when a reply is started.
  useEffect(() => {
    box.current?.focus();
  }, [replyTo]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: grows the textarea with its text (up to MAX_HEIGHT) after each change.
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    el.style.height = "auto";
    el.style.height = `${Math.min(el.scrollHeight, MAX_HEIGHT)}px`;
  }, [text]);

  function change(value: string) {
    setText(value);
    setMention(mentionQuery(value.slice(0, box.current?.selectionStart ?? value.length)));
    setActiveMention(0);
    setError(null);
    setDraft(conversationId, value);
    if (value.trim()) engine.notifyTyping(conversationId);
  }

  /** Puts an emoji where the caret is (in place of a selection), and the caret after it. */
  function insert(emoji: string) {
    const el = box.current;
    const start = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? text.length;
    change(text.slice(0, start) + emoji + text.slice(end));
    requestAnimationFrame(() => el?.setSelectionRange(start + emoji.length, start + emoji.length));
  }

  function submit(event?: FormEvent) {
    event?.preventDefault();
    if (!canSend) return;
    change("");
    const quoted = replyTo?.seq;
    onCancelReply();
    linkPreview.reset();
    engine.send(conversationId, text, quoted, linkPreview.draft?.preview ?? undefined).catch((e: Error) => {
      change(text);
      setError(e.message);
    });
    box.current?.focus();
  }

  /** Runs a send; a failure (the outbox can't be written) shows under the box. */
  function attempt(send: Promise<void>) {
    send.catch((e: Error) => setError(e.message));
  }

  function addFiles(files: FileList | File[], asDocument = false) {
    if (files.length) onDrafts([...drafts, ...[...files].map((file) => ({ file, caption: "", asDocument }))]);
  }

  function sendDrafts(ready: Draft[]) {
    onDrafts([]);
    for (const { file, caption, asDocument } of ready) {
      attempt(engine.sendAttachment(conversationId, { type: draftType(file, asDocument), file, fileName: file.name, caption }));
    }
    box.current?.focus();
  }

  function onPaste(event: ClipboardEvent<HTMLTextAreaElement>) {
    const files = [...event.clipboardData.files];
    if (!files.length) return;
    event.preventDefault();
    addFiles(files);
  }

  /** Puts "@username " in place of the mention being typed (the name shows in the bubble). */
  function pickMention(member: GroupMember) {
    if (!mention) return;
    const el = box.current;
    const end = el?.selectionStart ?? text.length;
    const inserted = `@${member.user.username} `;
    change(text.slice(0, mention.start) + inserted + text.slice(end));
    setMention(null);
    const caret = mention.start + inserted.length;
    requestAnimationFrame(() => el?.setSelectionRange(caret, caret));
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (suggestions.length > 0) {
      const move = event.key === "ArrowDown" ? 1 : event.key === "ArrowUp" ? -1 : 0;
      if (move) {
        event.preventDefault();
        setActiveMention((i) => (i + move + suggestions.length) % suggestions.length);
        return;
      }
      if (event.key === "Enter" || event.key === "Tab") {
        event.preventDefault();
        pickMention(suggestions[Math.min(activeMention, suggestions.length - 1)]);
        return;
      }
      if (event.key === "Escape") {
        event.stopPropagation();
        setMention(null);
        return;
      }
    }
    if (event.key === "Escape" && replyTo) onCancelReply();
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  }

  const note = error ?? (over > 0 ? t("composer.tooLong", { over }) : null);
  return (
    <>
      <form onSubmit={submit} className="flex shrink-0 flex-col gap-1 border-s border-line bg-panel-header px-3 py-2 md:px-4">
        {replyTo && (
          <fieldset aria-label={t("composer.replyingTo")} className="m-0 flex min-w-0 items-center gap-2 border-0 p-0 ps-12">
            <QuotedMessageBlock quote={quoteOf(replyTo)} sender={replyTo.senderId === me ? t("you") : (replySender ?? "")} />
            <IconButton label={t("composer.cancelReply")} onClick={onCancelReply}>
              <X aria-hidden className="size-5" />
            </IconButton>
          </fieldset>
        )}
        {linkPreview.draft && <LinkPreviewDraftCard draft={linkPreview.draft} onRemove={linkPreview.remove} />}
        <div className="relative flex items-end gap-2">
          {suggestions.length > 0 && (
            <div
              id={listId}
              role="listbox"
              aria-label={t("composer.mentionSomeone")}
              className="absolute bottom-full start-12 z-30 mb-2 w-72 overflow-hidden rounded-xl bg-panel py-1 shadow-xl ring-1 ring-black/10 dark:ring-white/10"
            >
              {suggestions.map((m, i) => (
                <div
                  key={m.user.id}
                  id={`${listId}-${i}`}
                  role="option"
                  aria-selected={i === activeMention}
                  tabIndex={-1}
                  onMouseDown={(e) => {
                    e.preventDefault();
                    pickMention(m);
                  }}
                  className="flex cursor-pointer items-center gap-3 px-3 py-2 aria-selected:bg-hover"
                >
                  <Avatar src={m.user.avatarUrl} name={m.user.displayName} size="xs" />
                  <span className="min-w-0 flex-1 truncate text-sm text-ink">{m.user.displayName}</span>
                  <span className="truncate text-xs text-ink-muted">
                    <bdi>@{m.user.username}</bdi>
                  </span>
                </div>
              ))}
            </div>
          )}
          {emojiOpen && (
            <div className="absolute bottom-full start-0 z-30 mb-2">
              <LazyEmojiPanel
                label={t("composer.emoji")}
                onPick={insert}
                onClose={() => {
                  setEmojiOpen(false);
                  box.current?.focus();
                }}
              />
            </div>
          )}
          {!recording && (
            <>
              <IconButton
                label={t("composer.emoji")}
                aria-expanded={emojiOpen}
                onPointerDown={(e) => emojiOpen && e.stopPropagation()}
                onClick={() => setEmojiOpen(!emojiOpen)}
                className="mb-px"
              >
                <Smile aria-hidden className="size-6" />
              </IconButton>
              <Menu
                label={t("composer.attach")}
                opensUp
                trigger={<Paperclip aria-hidden className="size-6" />}
                items={[
                  {
                    label: t("composer.photosAndVideos"),
                    icon: Images,
                    iconClass: "bg-[#007bfc]",
                    onSelect: () => mediaInput.current?.click(),
                  },
                  {
                    label: t("composer.document"),
                    icon: FileText,
                    iconClass: "bg-[#7f66ff]",
                    onSelect: () => documentInput.current?.click(),
                  },
                  { label: t("composer.location"), icon: MapPin, iconClass: "bg-[#1fa855]", onSelect: () => setDialog("location") },
                  { label: t("composer.contact"), icon: Contact, iconClass: "bg-[#009de2]", onSelect: () => setDialog("contact") },
                ]}
              />
              <div className="flex min-h-[42px] flex-1 items-center rounded-lg bg-panel px-3 ring-brand focus-within:ring-1 dark:bg-[#2a3942]">
                <textarea
                  ref={box}
                  dir="auto"
                  aria-label={t("composer.message")}
                  placeholder={t("composer.placeholder")}
                  rows={1}
                  value={text}
                  onChange={(e) => change(e.target.value)}
                  onKeyDown={onKeyDown}
                  onPaste={onPaste}
                  aria-invalid={over > 0 || undefined}
                  aria-autocomplete={members ? "list" : undefined}
                  aria-controls={suggestions.length > 0 ? listId : undefined}
                  aria-activedescendant={
                    suggestions.length > 0 ? `${listId}-${Math.min(activeMention, suggestions.length - 1)}` : undefined
                  }
                  aria-describedby={length > WARN_AT || note ? noteId : undefined}
                  className="block w-full resize-none bg-transparent py-[9px] text-[15px] leading-6 text-ink outline-none! placeholder:text-ink-muted"
                />
              </div>
            </>
          )}
          {text.trim() && !recording ? (
            <IconButton
              label={t("composer.send")}
              type="submit"
              disabled={!canSend}
              className="mb-px text-ink-muted enabled:text-brand-strong dark:enabled:text-brand"
            >
              <SendHorizontal aria-hidden className="size-6" />
            </IconButton>
          ) : (
            <VoiceRecorder
              onRecordingChange={setRecording}
              onRecorded={(file, duration) =>
                attempt(engine.sendAttachment(conversationId, { type: "voice", file, fileName: file.name, duration }))
              }
            />
          )}
        </div>
        {(length > WARN_AT || note) && (
          <p id={noteId} aria-live="polite" className={`px-1 text-xs ${note ? "text-danger" : "text-ink-muted"}`}>
            {note ? `${note} ` : ""}
            {t("composer.counter", { length, max: MESSAGE_TEXT_MAX })}
          </p>
        )}
      </form>
      <input
        ref={mediaInput}
        type="file"
        accept="image/*,video/*"
        multiple
        hidden
        aria-label={t("composer.photosAndVideosToSend")}
        onChange={(e) => {
          addFiles(e.target.files ?? []);
          e.target.value = "";
        }}
      />
      <input
        ref={documentInput}
        type="file"
        multiple
        hidden
        aria-label={t("composer.documentsToSend")}
        onChange={(e) => {
          addFiles(e.target.files ?? [], true);
          e.target.value = "";
        }}
      />
      <MediaDraft drafts={drafts} onChange={onDrafts} onSend={sendDrafts} onAddMore={() => mediaInput.current?.click()} />
      <LocationDialog
        open={dialog === "location"}
        onClose={() => setDialog(null)}
        onShare={(location) => {
          setDialog(null);
          attempt(engine.sendAttachment(conversationId, { type: "location", location }));
        }}
      />
      <ContactPicker
        open={dialog === "contact"}
        me={me}
        onClose={() => setDialog(null)}
        onPick={(user) => {
          setDialog(null);
          attempt(
            engine.sendAttachment(conversationId, {
              type: "contact",
              contact: { userId: user.id, displayName: user.displayName, username: user.username },
            }),
          );
        }}
      />
    </>
  );
}
