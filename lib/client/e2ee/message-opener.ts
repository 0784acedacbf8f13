// Shows encrypted messages as what they say. The store keeps every message as the server sent it plus what
// this device made of it: `open` answers at once from what was decrypted before, or marks the message
// "waiting" and decrypts it in the background (the library is loaded lazily; a room key may still be on its
// way), then tells the store to look again. A message whose content fails its schema, or whose ciphertext
// is tampered with, replayed or forged, is "failed": it never shows as text.
import type { EncryptedContent } from "@/lib/contracts/e2ee";
import { previewFitsText } from "@/lib/contracts/link-preview";
import type { ChatMessage, MessageFile, Reaction } from "@/lib/contracts/messaging";
import {
  SEALED_MESSAGE,
  SEALED_REACTION,
  type SealedFile,
  type SealedMessage,
  sealedMessageSchema,
  sealedReactionContentSchema,
} from "@/lib/contracts/sealed";
import type { CryptoClient } from "@/lib/crypto/crypto-client";
import { DecryptFailure } from "@/lib/crypto/failures";

/** What this device made of an encrypted message: decrypted, waiting for its key, or undecryptable for good. */
export type E2eeState = "open" | "waiting" | "failed";
/**
 * A message as the store holds it: an encrypted one also says how far this device got with it, and an
 * encrypted file's key and details (its `file` then describes the clear file, as the sender's device found it).
 */
export type HeldMessage = ChatMessage & { e2ee?: E2eeState; sealedFile?: SealedFile };

export const e2eeOf = (message: ChatMessage): E2eeState | undefined => (message as HeldMessage).e2ee;
/** The key and details of the message's encrypted file (none: its file, if any, is stored in the clear). */
export const sealedFileOf = (message: Pick<ChatMessage, "file">): SealedFile | undefined => (message as HeldMessage).sealedFile;

/** What became of one ciphertext: its content (not checked yet), or undecryptable for good. */
export type Outcome = { content: unknown } | { failed: true };
/** What the opener needs of the device. */
type Device = Pick<CryptoClient, "decrypt" | "onRoomKeys">;

/** A ciphertext's identity: its message (or reaction, or status) and the Megolm session and message it came from. */
const keyOf = (owner: string, encrypted: EncryptedContent) =>
  `${owner}|${encrypted.session_id}|${encrypted.ciphertext.length}|${encrypted.ciphertext.slice(0, 24)}`;

/** One encrypted event to decrypt: its ciphertext, the room (conversation) it was encrypted for, who sent it, and what type it must be. */
export interface SealedEvent {
  conversationId: string;
  senderId: string;
  eventId: string;
  sentAt: number;
  type: string;
  encrypted: EncryptedContent;
}

export class MessageOpener {
  private readonly outcomes = new Map<string, Outcome>();
  private readonly queued = new Map<string, SealedEvent>();
  /** Waiting for room keys: tried again when keys arrive. */
  private readonly stalled = new Map<string, SealedEvent>();
  private running = false;
  /** Keys arrived while a batch was being decrypted: what it finds waiting for a key is tried again after it. */
  private retryAfter = false;
  private crypto: Device | null = null;
  /** Checks run after each batch of decryptions (settle's). */
  private readonly waiters = new Set<() => void>();

  /** `changed` runs after messages were decrypted: the store opens what it holds again. */
  constructor(private readonly changed: () => void) {}

  /** The device is ready: what waited for it is decrypted now, and again whenever room keys arrive. */
  use(crypto: Device): void {
    this.crypto = crypto;
    crypto.onRoomKeys(() => this.retry());
    this.kick();
  }

  /** The device went away (another tab took it over): what is not decrypted yet waits for the next one. */
  drop(): void {
    this.crypto = null;
  }

  /** Tries again what waited for a room key (keys arrived, or the device synced). */
  retry(): void {
    if (this.running) this.retryAfter = true;
    for (const [key, job] of this.stalled) this.queued.set(key, job);
    this.stalled.clear();
    this.kick();
  }

  /** The message as it is to be shown now; encrypted ones are decrypted in the background if need be. */
  open(message: ChatMessage): ChatMessage {
    // Held messages keep their ciphertext once opened, so they can be opened again (new reactions, an edit).
    if (!message.encrypted) return message;
    const outcome = this.outcome(message.id, message, SEALED_MESSAGE, message.encrypted);
    if (!outcome) return { ...message, e2ee: "waiting" } as HeldMessage;
    const parsed = "content" in outcome ? sealedMessageSchema.safeParse(outcome.content) : null;
    // Content of another message (the server replayed its ciphertext) is as undecryptable as a forgery.
    if (!parsed?.success || parsed.data.id !== message.clientId) return { ...message, e2ee: "failed" } as HeldMessage;
    return { ...message, ...shown(parsed.data, message), reactions: this.reactionsOf(message), e2ee: "open" } as HeldMessage;
  }

  /**
   * Resolves once these messages were decrypted or found undecryptable, or after `ms` (a room key on its
   * way): a live message is shown as what it says, so its mention notice and chat list row can read it.
   * Null if there is nothing to wait for (nothing encrypted, all decrypted before, or no device loaded).
   */
  settle(messages: ChatMessage[], ms: number): Promise<void> | null {
    const keys = messages.flatMap((m) => (m.encrypted ? [keyOf(m.id, m.encrypted)] : []));
    const done = () => !this.crypto || keys.every((key) => this.outcomes.has(key));
    for (const m of messages) this.open(m);
    if (done()) return null;
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      const check = () => void (done() && finish());
      const timer = setTimeout(finish, ms);
      this.waiters.add(check);
    });
  }

  /** One version of a message's content (an edit history's), decrypted and checked as open() does; null if it can't be. */
  async read(message: ChatMessage, encrypted: EncryptedContent): Promise<SealedMessage | null> {
    if (!this.crypto) return null;
    const job = { ...jobOf(message.id, message, SEALED_MESSAGE, encrypted), content: encrypted };
    const clear = await this.crypto.decrypt(message.conversationId, job).catch(() => null);
    const content = clear?.type === SEALED_MESSAGE ? sealedMessageSchema.safeParse(clear.content).data : undefined;
    return content?.id === message.clientId ? content : null;
  }

  /** The decrypted reactions grouped by emoji (those not decrypted yet are left out until they are). */
  private reactionsOf(message: ChatMessage): Reaction[] | undefined {
    const groups: Reaction[] = [];
    for (const { userId, encrypted } of message.sealedReactions ?? []) {
      const outcome = this.outcome(`${message.id}:${userId}`, { ...message, senderId: userId }, SEALED_REACTION, encrypted);
      const reaction = outcome && "content" in outcome ? sealedReactionContentSchema.safeParse(outcome.content).data : undefined;
      if (reaction?.to !== message.clientId) continue;
      const { emoji } = reaction;
      const group = groups.find((g) => g.emoji === emoji);
      if (group) group.userIds.push(userId);
      else groups.push({ emoji, userIds: [userId] });
    }
    return groups.length ? groups : undefined;
  }

  private outcome(owner: string, message: ChatMessage, type: string, encrypted: EncryptedContent): Outcome | undefined {
    return this.event(jobOf(owner, message, type, encrypted));
  }

  /** What became of an encrypted event (a status: see status-sealing.ts), or undefined while it is decrypted in the background. */
  event(job: SealedEvent): Outcome | undefined {
    const key = keyOf(job.eventId, job.encrypted);
    const outcome = this.outcomes.get(key);
    if (outcome) return outcome;
    if (!this.stalled.has(key) && !this.queued.has(key)) {
      this.queued.set(key, job);
      this.kick();
    }
    return undefined;
  }

  private kick(): void {
    if (this.running || !this.crypto || this.queued.size === 0) return;
    this.running = true;
    void this.drain(this.crypto).finally(() => {
      this.running = false;
      if (!this.retryAfter) return this.kick();
      this.retryAfter = false;
      this.retry();
    });
  }

  private async drain(crypto: Device): Promise<void> {
    const jobs = [...this.queued];
    this.queued.clear();
    let opened = false;
    for (const [key, job] of jobs) {
      // The device was dropped: the rest waits for the next one (a closed machine fails every decryption).
      if (this.crypto !== crypto) {
        this.stalled.set(key, job);
        continue;
      }
      try {
        const clear = await crypto.decrypt(job.conversationId, { ...job, content: job.encrypted });
        // The library checked who sent it; the event type says what it is meant to be.
        this.outcomes.set(key, clear.type === job.type ? { content: clear.content } : { failed: true });
      } catch (error) {
        if ((error instanceof DecryptFailure && error.waiting) || this.crypto !== crypto) {
          this.stalled.set(key, job);
          continue;
        }
        this.outcomes.set(key, { failed: true });
      }
      opened = true;
    }
    if (opened) this.changed();
    for (const check of this.waiters) check();
  }
}

/** What decrypting one ciphertext of `message` takes: `owner` is its event id (the message's, or a reaction's). */
const jobOf = (owner: string, message: ChatMessage, type: string, encrypted: EncryptedContent): SealedEvent => ({
  conversationId: message.conversationId,
  senderId: message.senderId,
  eventId: owner,
  sentAt: Date.parse(message.createdAt),
  type,
  encrypted,
});

/** The fields a decrypted message shows, as a plain message of its kind would have them (its file is beside the ciphertext). */
function shown(content: SealedMessage, { file, status }: ChatMessage): Partial<HeldMessage> {
  return {
    type: content.type,
    ...(file ? describedFile(file, content.file, content.duration) : {}),
    // A reply to an encrypted status: the server vouches for whose status it answers, the reply for what it said.
    ...(status && content.status ? { status: { ...status, ...content.status } } : {}),
    text: content.text,
    ...(content.location ? { location: content.location } : {}),
    ...(content.contact ? { contact: content.contact } : {}),
    // The card leads where the text's link does, or isn't shown (another app may have put anything there).
    ...(content.linkPreview && previewFitsText(content.linkPreview, content.text) ? { linkPreview: content.linkPreview } : {}),
    ...(content.replyTo ? { replyTo: content.replyTo } : {}),
    ...(content.forwards ? { forwards: content.forwards } : {}),
  };
}

/**
 * The file beside a decrypted message or status, as the sender's device described it inside (the
 * server's description of an encrypted file has only its size), with what opens it (`sealedFile`).
 */
export function describedFile(
  file: MessageFile,
  sealed: SealedFile | undefined,
  duration: number | undefined,
): { file: MessageFile; sealedFile?: SealedFile } {
  const described = sealed
    ? {
        mime: sealed.mime,
        fileName: sealed.name,
        size: sealed.size,
        width: sealed.width,
        height: sealed.height,
        placeholder: sealed.placeholder,
        ...(sealed.thumbnail ? { thumbnail: sealed.thumbnail } : {}),
        pageCount: null,
      }
    : {};
  return { file: { ...file, ...described, duration: duration ?? null }, ...(sealed ? { sealedFile: sealed } : {}) };
}
