// What a message says in one line: the chat list, search results and quotes in the app, and the server's
// push notifications.
import type { ChatMessage, MessageFile } from "../contracts/messaging";
import type { Translator } from "../i18n/catalog";
import { durationLabel } from "./duration";

export type MessageContent = Pick<ChatMessage, "type" | "text" | "file" | "location" | "contact">;

/**
 * How messages are described (messages/<locale>/system.json, "preview"): the app's in the page's language
 * (useTranslations("system.preview")), the server's push notifications in English (translator("system.preview")).
 */
export type PreviewText = Translator<"system.preview">;

/** One line for a message: its text, or what it carries ("Photo", "Voice message (0:07)", the file's name...). */
export function previewText(
  t: PreviewText,
  { type, text, file, location, contact }: Omit<MessageContent, "file"> & { file?: Pick<MessageFile, "fileName" | "duration"> },
): string {
  const caption = text.replace(/\s+/g, " ").trim();
  switch (type) {
    case "image":
      return caption || t("photo");
    case "video":
      return caption || t("video");
    case "voice":
      return file?.duration ? t("voiceDuration", { duration: durationLabel(file.duration) }) : t("voice");
    case "audio":
      return caption || file?.fileName || t("audio");
    case "document":
      return caption || file?.fileName || t("document");
    case "location":
      return location?.name || t("location");
    case "contact":
      return contact ? t("contactNamed", { name: contact.displayName }) : t("contact");
    case "deleted":
      return t("deleted");
    case "encrypted":
      // Not decrypted (yet) by this device.
      return t("encrypted");
    default:
      return caption;
  }
}
