// What goes out for an outbox item: in an end-to-end encrypted chat its content is encrypted here, at the
// moment it is sent (a message written offline too), for the chat's current members. A chat that isn't
// encrypted yet becomes so with its first encrypted message, when encryption is the default and every
// member has a device with keys; until then it goes plain. A file message's file is encrypted on the device
// before its upload (fileSealer: prepared first, see file-prep.ts), and what opens it goes inside the
// message with its caption, kind and duration; such a message is always sent encrypted.
import type { SendMessage } from "@/lib/contracts/messaging";
import { quoteOf } from "@/lib/contracts/messaging";
import { SEALED_MESSAGE, type SealedMessage } from "@/lib/contracts/sealed";
import type { CryptoClient } from "@/lib/crypto/crypto-client";
import { mentionedUsernames } from "@/lib/shared/mentions";
import type { MessagingStore } from "../messaging-store";
import type { OutboxItem, SealedUpload } from "../outbox";
import { payloadOf } from "../outbox-flush";
import { prepareFile } from "./file-prep";

export interface SealerDeps {
  store: MessagingStore;
  /** The device, loaded on first use. */
  crypto: () => Promise<CryptoClient>;
  /** The chat's current members' ids (a group's from its info). */
  members: (conversationId: string) => Promise<string[]>;
  /** Whether a chat that isn't encrypted yet starts being so (see E2EE_BY_DEFAULT). */
  byDefault: boolean;
}

/** Whether the app would send to this chat encrypted (so the service worker, which holds no keys, leaves it alone). */
export const sealsTo = (d: Pick<SealerDeps, "store" | "byDefault">, conversationId: string | undefined): boolean =>
  Boolean(conversationId && (d.store.getState().conversations[conversationId]?.encrypted || d.byDefault));

/**
 * Whether an item's chat is to be encrypted now, with the device and the chat's members: it is encrypted,
 * or encryption is the default and every member has a device with keys (`must`: whatever the members have).
 * Null for a chat that stays plain.
 */
async function sealing(d: SealerDeps, item: OutboxItem, must = false) {
  const { conversationId } = item;
  const conversation = conversationId ? d.store.getState().conversations[conversationId] : undefined;
  if (!conversationId || !conversation || !sealsTo(d, conversationId)) return null;
  const [crypto, members] = await Promise.all([d.crypto(), d.members(conversationId)]);
  if (!conversation.encrypted && !must && !(await crypto.membersReady(members))) return null;
  return { conversationId, crypto, members };
}

export function sealer(d: SealerDeps) {
  return async function seal(item: OutboxItem): Promise<SendMessage> {
    // A message carrying an encrypted file goes encrypted (its file can't be read otherwise).
    const to = await sealing(d, item, Boolean(fileOf(item)));
    if (!to) return payloadOf(item);
    const { conversationId, crypto, members } = to;
    const content = sealedContent(d.store, item);
    const encrypted = await crypto.encrypt(conversationId, members, SEALED_MESSAGE, content);
    return {
      id: item.id,
      conversationId,
      type: "encrypted",
      text: "",
      encrypted,
      ...(item.fileId ? { fileId: item.fileId } : {}),
      mentions: mentionIds(d.store, conversationId, item.text),
    };
  };
}

/**
 * Encrypts a file message's file before its upload when its message will be encrypted (its chat is, or will
 * become so as every member has a device); null when it goes as it is.
 */
export function fileSealer(d: SealerDeps) {
  return async function sealFile(item: OutboxItem): Promise<SealedUpload | null> {
    const { upload } = item;
    const to = upload && (await sealing(d, item));
    if (!to) return null;
    const { clear, meta } = await prepareFile(upload.kind, upload.blob, upload.fileName);
    const { ciphertext, key } = await to.crypto.encryptFile(clear);
    return { ciphertext, file: { ...meta, key } };
  };
}

/** The encrypted file an item carries: uploaded with it, or forwarded. */
const fileOf = (item: OutboxItem) => item.upload?.sealed?.file ?? item.sealedFile;

/** What the message says, for its members' eyes only. */
function sealedContent(store: MessagingStore, item: OutboxItem): SealedMessage {
  const type = item.type === undefined || item.type === "encrypted" ? "text" : item.type;
  const quoted =
    item.replyTo === undefined
      ? undefined
      : store.getState().messages[item.conversationId ?? ""]?.find((m) => m.seq === item.replyTo && m.type !== "encrypted");
  return {
    id: item.id,
    type,
    text: item.text,
    ...(item.location
      ? { location: { ...item.location, accuracy: item.location.accuracy ?? null, name: item.location.name ?? null } }
      : {}),
    ...(item.contact ? { contact: item.contact } : {}),
    ...(item.linkPreview ? { linkPreview: item.linkPreview } : {}),
    ...(quoted ? { replyTo: quoteOf(quoted) } : {}),
    ...(item.forwards ? { forwards: item.forwards } : {}),
    ...(item.duration !== undefined ? { duration: item.duration } : {}),
    ...(fileOf(item) ? { file: fileOf(item) } : {}),
    ...(item.statusQuote ? { status: item.statusQuote } : {}),
  };
}

/** The members a text @mentions by username (the server can't read the text to find them). */
function mentionIds(store: MessagingStore, conversationId: string, text: string): string[] {
  const names = new Set(mentionedUsernames(text));
  if (!names.size) return [];
  const members = store.getState().groups[conversationId]?.members ?? [];
  return members.filter((m) => names.has(m.user.username.toLowerCase())).map((m) => m.user.id);
}
