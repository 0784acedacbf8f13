// End-to-end encrypted status updates in the browser. Posting: a photo or video is prepared on the device
// (file-prep.ts: a photo drawn again without its metadata, a placeholder) and encrypted before its upload,
// then what the status is and says is encrypted with the poster's status room key (one Megolm "room" per
// poster, statusRoomId), shared with every device of the audience the server names for the poster's privacy
// settings, like a group's key with its members. Showing: a status from the feed is decrypted through the
// engine's MessageOpener (same queue, same retry when room keys arrive), checked against its schema and
// bound to its status by the poster's client id; one that can't be read never shows as text.
import { QUOTE_TEXT_MAX } from "@/lib/contracts/messaging";
import { SEALED_STATUS, type SealedFile, type SealedStatusQuote, sealedStatusSchema } from "@/lib/contracts/sealed";
import { type PostStatus, type Status, type StatusBackground, type StatusFont, statusRoomId } from "@/lib/contracts/status";
import type { CryptoClient } from "@/lib/crypto/crypto-client";
import type { FileUploader } from "../outbox-flush";
import { prepareFile } from "./file-prep";
import { describedFile, type E2eeState, type MessageOpener } from "./message-opener";

/** What the composer posts: a text on a colour in a font, or a photo or video with a caption. */
export type StatusDraft =
  | { kind: "text"; text: string; background: StatusBackground; font: StatusFont }
  | { kind: "image" | "video"; file: File; text: string };

/**
 * A status as shown: an encrypted one as what it says once decrypted (`kind` then what it is), with how far
 * this device got with it and what opens its file.
 */
export type ShownStatus = Status & { e2ee?: E2eeState; sealedFile?: SealedFile };

export interface StatusSealingDeps {
  me: string;
  opener: MessageOpener;
  /** The device, loaded on first use. */
  crypto: () => Promise<CryptoClient>;
  /** Whom my statuses go to now (GET /api/v1/statuses/audience). */
  audience: () => Promise<string[]>;
  /** Whether statuses are posted encrypted (E2EE_BY_DEFAULT). */
  byDefault: boolean;
  /** Uploads a file (tus in the browser). */
  upload: FileUploader;
}

export class StatusSealing {
  private readonly listeners = new Set<() => void>();

  constructor(private readonly d: StatusSealingDeps) {}

  /** Calls `listener` when statuses may read differently (something was decrypted). */
  onChanged(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Something was decrypted: statuses are opened again. */
  changed(): void {
    for (const listener of this.listeners) listener();
  }

  /** The status as it is to be shown now; an encrypted one is decrypted in the background if need be. */
  open(status: Status): ShownStatus {
    const { encrypted } = status;
    if (!encrypted) return status;
    const outcome = this.d.opener.event({
      conversationId: statusRoomId(status.userId),
      senderId: status.userId,
      eventId: status.id,
      sentAt: Date.parse(status.createdAt),
      type: SEALED_STATUS,
      encrypted,
    });
    if (!outcome) return { ...status, e2ee: "waiting" };
    const parsed = "content" in outcome ? sealedStatusSchema.safeParse(outcome.content) : null;
    // Content of another status (the server stored its ciphertext again) is as unreadable as a forgery.
    if (!parsed?.success || parsed.data.id !== status.clientId) return { ...status, e2ee: "failed" };
    const { kind, text, background, font, file, duration } = parsed.data;
    const media = kind !== "text" && status.file;
    return {
      ...status,
      kind,
      text,
      background: kind === "text" ? background : null,
      font: kind === "text" ? font : null,
      ...(media ? describedFile(media, file, duration) : { file: undefined }),
      e2ee: "open",
    };
  }

  /**
   * The POST /api/v1/statuses body for a draft, its file uploaded first (tus, `progress` 0-1): encrypted
   * for my audience of the moment when statuses are, as it is otherwise.
   */
  async compose(id: string, draft: StatusDraft, progress: (fraction: number) => void): Promise<PostStatus> {
    const { me, byDefault } = this.d;
    const media = draft.kind === "text" ? null : draft;
    const upload = async (sealed?: { ciphertext: Blob; file: SealedFile }) =>
      media
        ? this.d.upload(
            {
              id,
              text: "",
              createdAt: Date.now(),
              attempts: 0,
              upload: { blob: media.file, fileName: media.file.name, kind: media.kind, ...(sealed ? { sealed } : {}) },
            },
            { progress, created: () => {} },
            new AbortController().signal,
          )
        : undefined;
    if (!byDefault) {
      if (!media) return { id, ...draft };
      return { id, kind: media.kind, text: media.text, fileId: await upload() };
    }
    const crypto = await this.d.crypto();
    let sealed: { ciphertext: Blob; file: SealedFile } | undefined;
    if (media) {
      const { clear, meta } = await prepareFile(media.kind, media.file, media.file.name);
      const { ciphertext, key } = await crypto.encryptFile(clear);
      sealed = { ciphertext, file: { ...meta, key } };
    }
    const fileId = await upload(sealed);
    const content = {
      id,
      kind: draft.kind,
      text: draft.text,
      background: draft.kind === "text" ? draft.background : null,
      font: draft.kind === "text" ? draft.font : null,
      ...(sealed ? { file: sealed.file } : {}),
    };
    const members = [me, ...(await this.d.audience())];
    const encrypted = await crypto.encrypt(statusRoomId(me), members, SEALED_STATUS, content);
    return { id, kind: "encrypted", encrypted, ...(fileId ? { fileId } : {}) };
  }
}

/** What a reply quotes of a decrypted status (inside the encrypted reply): its kind, words, look and thumbnail (else placeholder). */
export function quoteOfStatus(status: ShownStatus): SealedStatusQuote | undefined {
  if (status.kind === "encrypted") return undefined;
  return {
    kind: status.kind,
    text: [...status.text].slice(0, QUOTE_TEXT_MAX).join(""),
    background: status.background,
    font: status.font,
    thumbnail: status.file?.thumbnail ?? status.file?.placeholder ?? null,
  };
}
