// What a message says in one line (the chat list, notifications), and a pending item seen as the message
// it will become (so a file being uploaded renders like the sent one).
import { PLAYABLE } from "@/lib/contracts/media";
import type { ChatMessage, FileMessageType, MessageFile } from "@/lib/contracts/messaging";
import { durationLabel } from "./media-format";
import type { OutboxItem } from "./outbox";

export type MessageContent = Pick<ChatMessage, "type" | "text" | "file" | "location" | "contact">;

/** One line for a message: its text, or what it carries ("Photo", "Voice message (0:07)", the file's name...). */
export function previewText({
  type,
  text,
  file,
  location,
  contact,
}: Omit<MessageContent, "file"> & { file?: Pick<MessageFile, "fileName" | "duration"> }): string {
  const caption = text.replace(/\s+/g, " ").trim();
  switch (type) {
    case "image":
      return caption || "Photo";
    case "video":
      return caption || "Video";
    case "voice":
      return file?.duration ? `Voice message (${durationLabel(file.duration)})` : "Voice message";
    case "audio":
      return caption || file?.fileName || "Audio";
    case "document":
      return caption || file?.fileName || "Document";
    case "location":
      return location?.name || "Location";
    case "contact":
      return contact ? `Contact: ${contact.displayName}` : "Contact";
    case "deleted":
      return "This message was deleted";
    default:
      return caption;
  }
}

/** A pending item as the message it will be: its file described from the local blob until the server has it. */
export function pendingContent(item: OutboxItem): MessageContent {
  const content: MessageContent = { type: item.type ?? "text", text: item.text, location: item.location, contact: item.contact };
  if (item.upload) {
    const { blob, fileName } = item.upload;
    content.file = {
      fileId: item.fileId ?? "",
      mime: blob.type || "application/octet-stream",
      size: blob.size,
      fileName,
      width: null,
      height: null,
      placeholder: null,
      pageCount: null,
      duration: item.duration ?? null,
    };
  }
  return content;
}

/**
 * How a picked, pasted or dropped file is sent: photos, videos and audio the browser can show inline go as
 * such (the server checks the bytes); anything else, or anything picked as a document, as a document.
 */
export function draftType(file: Blob, asDocument = false): FileMessageType {
  if (asDocument) return "document";
  if (PLAYABLE.image.mimes.has(file.type)) return "image";
  if (PLAYABLE.video.mimes.has(file.type)) return "video";
  if (file.type.startsWith("audio/")) return "audio";
  return "document";
}
