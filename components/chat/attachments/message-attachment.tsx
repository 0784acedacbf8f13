"use client";

import { sealedFileOf } from "@/lib/client/e2ee/message-opener";
import { inlineKind } from "@/lib/client/media-format";
import type { ChatMessage, MessageFile } from "@/lib/contracts/messaging";
import type { SealedFile } from "@/lib/contracts/sealed";
import { AudioAttachment } from "./audio-attachment";
import { ContactCard } from "./contact-card";
import { DocumentAttachment } from "./document-attachment";
import { ImageAttachment } from "./image-attachment";
import { LocationCard } from "./location-card";
import { SealedFileFailure, useSealedFile } from "./sealed-attachment";
import type { PendingUpload } from "./upload-progress";
import { VideoAttachment } from "./video-attachment";

/**
 * What a message carries besides its text, drawn inside its bubble above the caption (which the bubble
 * renders): a photo, video, voice note or audio, document, location or contact. Nothing for text and
 * system messages, or for a file message whose file is missing.
 *
 * A pending message passes `source` (its local blob: URL, used for the bytes and instead of the
 * thumbnail) and `progress` / `onCancel`, which put an upload ring with "Cancel upload" over the media or
 * next to the document.
 */
export function MessageAttachment({
  message,
  mine,
  source,
  progress,
  onCancel,
  onOpenChat,
  contactAvatarSrc,
}: {
  message: Pick<ChatMessage, "type" | "text" | "file" | "location" | "contact">;
  mine: boolean;
  /** Where the file's bytes come from instead of the server (a pending message's blob: URL). */
  source?: { url: string };
  /** Upload progress of a pending message, 0..1 (1 or unknown: a spinning ring). */
  progress?: number;
  onCancel?: () => void;
  /** Contact cards: open the chat with that user. Without it the card has no "Message" button. */
  onOpenChat?: (userId: string) => void;
  /** Contact cards: the contact's current avatar URL, when the caller knows the user. */
  contactAvatarSrc?: string | null;
}) {
  const sealed = source ? undefined : sealedFileOf(message);
  if (sealed && message.file) return <SealedAttachment message={message} file={message.file} sealed={sealed} mine={mine} />;
  const { type, text, file, location, contact } = message;
  const upload: PendingUpload | undefined = progress !== undefined || onCancel ? { progress, onCancel } : undefined;
  const url = source?.url;
  switch (type) {
    case "image":
      return file ? <ImageAttachment file={file} caption={text} url={url} upload={upload} /> : null;
    case "video":
      return file ? <VideoAttachment file={file} caption={text} url={url} upload={upload} /> : null;
    case "voice":
    case "audio":
      return file ? <AudioAttachment file={file} voice={type === "voice"} mine={mine} url={url} upload={upload} /> : null;
    case "document":
      return file ? <DocumentAttachment file={file} mine={mine} url={url} upload={upload} /> : null;
    case "location":
      return location ? <LocationCard location={location} /> : null;
    case "contact":
      return contact ? <ContactCard contact={contact} avatarSrc={contactAvatarSrc} onOpenChat={onOpenChat} /> : null;
    default:
      return null;
  }
}

/**
 * An end-to-end encrypted file: downloaded, checked and decrypted on this device (photos, video and audio
 * at once; a document when Download is pressed), shown as its kind from its clear bytes. One that doesn't
 * match its key shows why, never its bytes.
 */
function SealedAttachment({
  message,
  file,
  sealed,
  mine,
}: {
  message: Pick<ChatMessage, "type" | "text" | "file">;
  file: MessageFile;
  sealed: SealedFile;
  mine: boolean;
}) {
  const kind = inlineKind(message.type, sealed.mime);
  const { state, open } = useSealedFile(message, kind !== "document");
  if (state.status === "failed") return <SealedFileFailure reason={state.reason} retry={state.retry} />;
  const url = state.status === "open" ? state.url : "";
  switch (kind) {
    case "image":
      return <ImageAttachment file={file} caption={message.text} url={url} />;
    case "video":
      return <VideoAttachment file={file} caption={message.text} url={url} />;
    case "voice":
    case "audio":
      return <AudioAttachment file={file} voice={kind === "voice"} mine={mine} url={url} waveform={sealed.waveform} />;
    default:
      return <DocumentAttachment file={file} mine={mine} url={state.status === "open" ? url : undefined} onDownload={open} />;
  }
}
