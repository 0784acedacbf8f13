// A pending item seen as the message it will become (so a file being uploaded renders like the sent one),
// and how a picked file is sent. Its one-line preview is lib/shared/message-preview.ts.
import { PLAYABLE } from "@/lib/contracts/media";
import type { FileMessageType } from "@/lib/contracts/messaging";
import type { MessageContent } from "../shared/message-preview";
import type { OutboxItem } from "./outbox";

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
