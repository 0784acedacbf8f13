// What a message says in one line: the chat list, search results and quotes in the app, and the server's
// push notifications.
import type { ChatMessage, MessageFile } from "../contracts/messaging";
import { durationLabel } from "./duration";

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
    case "encrypted":
      // Not decrypted (yet) by this device.
      return "Waiting for this message…";
    default:
      return caption;
  }
}
