// What members do with a message after it was sent: edit, react, delete (for everyone or for themselves),
// star and pin. Each runs in the store's write transaction with the conversation locked, checks its rule
// against what it reads there, and tells everyone concerned after commit.
import type { EncryptedContent, SealedReaction } from "../../lib/contracts/e2ee";
import { previewFitsText } from "../../lib/contracts/link-preview";
import {
  type EditContent,
  type FlagUpdate,
  type MessageEditEntry,
  type MessageRef,
  type MessageUpdate,
  PINS_MAX,
  type ReactionContent,
  type StarredMessage,
} from "../../lib/contracts/message-actions";
import type { ChatMessage, ConversationSummary, Reaction } from "../../lib/contracts/messaging";
import type { AppContext } from "../context";
import { AppError } from "../errors";
import { type Driver, toDbTime } from "../store/driver";
import { attachmentOf } from "../store/message-rows";
import {
  changeMessage,
  editsOf,
  flagOf,
  forgetMessages,
  freeFiles,
  type LockedConversation,
  lockConversation,
  membershipIn,
  messageIn,
  saveEdit,
  setPinnedSeqs,
  starredOf,
  writeFlag,
} from "../store/message-sql";
import { activeMemberIds, visibleAfter } from "../store/message-store";
import { readableBy, summarize } from "./conversation-access";
import { checkText } from "./message-text";

const STARRED_MAX = 500;

const messageNotFound = () => new AppError("not_found", { key: "errors.messages.notFound" });

interface Target {
  conversation: LockedConversation;
  member: NonNullable<Awaited<ReturnType<typeof membershipIn>>>;
  message: ChatMessage;
}

/**
 * The conversation locked, the user's membership and the message, if they may see it (else the same 404
 * as for a message that doesn't exist). `current`: the action needs a current member (403 otherwise).
 */
async function target(tx: Driver, userId: string, { conversationId, seq }: MessageRef, current: boolean): Promise<Target> {
  const conversation = await lockConversation(tx, conversationId);
  const member = conversation && (await membershipIn(tx, conversationId, userId));
  if (!conversation || !member) throw new AppError("not_found", { key: "errors.chats.notFound" });
  const visible = seq > visibleAfter(member) && (member.leftSeq === null || seq <= member.leftSeq);
  const message = visible ? await messageIn(tx, conversationId, seq, userId) : null;
  if (!message) throw messageNotFound();
  if (current && member.leftSeq !== null) throw new AppError("forbidden", { key: "errors.groups.noLongerMember" });
  return { conversation, member, message };
}

/** The members to tell, and the message as it is after the change. */
async function changed(tx: Driver, { conversation, message }: Target): Promise<{ message: MessageUpdate; memberIds: string[] }> {
  const now = await messageIn(tx, conversation.id, message.seq, "");
  return { message: now as MessageUpdate, memberIds: await activeMemberIds(tx, conversation.id) };
}

function publishChange(app: AppContext, { message, memberIds }: { message: MessageUpdate; memberIds: string[] }): MessageUpdate {
  app.publisher.messageUpdated(message, memberIds);
  return message;
}

/** A time window in whole hours, else in minutes: the `{unit}` and `{window}` of the messages that name it. */
const inWindow = (ms: number) =>
  ms % 3_600_000 === 0 ? { unit: "hours", window: ms / 3_600_000 } : { unit: "minutes", window: ms / 60_000 };

/**
 * Edits my text message within the edit window (EDIT_WINDOW_MINUTES); the text it replaces joins its
 * history. An encrypted message is edited with new ciphertext (the sender's app keeps to text messages:
 * the server can't tell what is inside).
 */
export async function editMessage(app: AppContext, userId: string, ref: MessageRef, edit: EditContent): Promise<MessageUpdate> {
  const sealed = edit.encrypted !== undefined;
  const text = edit.text ?? "";
  if (!sealed) checkText(text, true);
  const { store, env, now } = app;
  const result = await store.transact(async (tx) => {
    const t = await target(tx, userId, ref, true);
    const { message } = t;
    if (message.senderId !== userId) throw new AppError("forbidden", { key: "errors.messages.editOwnOnly" });
    if (message.type !== (sealed ? "encrypted" : "text"))
      throw new AppError("forbidden", {
        key: message.type === "encrypted" ? "errors.messages.editEncrypted" : "errors.messages.editTextOnly",
      });
    const at = now();
    if (at.getTime() - Date.parse(message.createdAt) > env.editWindowMs)
      throw new AppError("forbidden", { key: "errors.messages.editWindow", values: inWindow(env.editWindowMs) });
    const [before, after] = sealed ? [JSON.stringify(message.encrypted), JSON.stringify(edit.encrypted)] : [message.text, text];
    if (before === after) return null;
    await saveEdit(tx, ref.conversationId, ref.seq, before, at);
    const editedAt = toDbTime(tx.dialect, at);
    await changeMessage(
      tx,
      t.conversation,
      ref.seq,
      sealed
        ? { attachment: attachmentOf({ ...message, encrypted: edit.encrypted }), editedAt }
        : // A preview whose link the new text no longer has goes with it.
          message.linkPreview && !previewFitsText(message.linkPreview, text)
          ? { text, editedAt, attachment: null }
          : { text, editedAt },
    );
    return changed(tx, t);
  });
  if (!result) return (await messageAt(app, userId, ref)) as MessageUpdate;
  return publishChange(app, result);
}

/** The texts an edited message had before, oldest first (an encrypted one's earlier ciphertexts); any member who may see the message may ask. */
export async function messageEdits(app: AppContext, userId: string, ref: MessageRef): Promise<MessageEditEntry[]> {
  const message = await messageAt(app, userId, ref);
  const edits = await editsOf(app.store.reader, ref.conversationId, ref.seq);
  return message.type === "encrypted" ? edits.map((e) => ({ ...e, text: "", encrypted: JSON.parse(e.text) })) : edits;
}

/** The message if the user may see it (404 otherwise). */
async function messageAt(app: AppContext, userId: string, { conversationId, seq }: MessageRef): Promise<ChatMessage> {
  const { window } = await readableBy(app, conversationId, userId);
  const message = seq > window.from && seq <= window.to ? await messageIn(app.store.reader, conversationId, seq, userId) : null;
  if (!message) throw messageNotFound();
  return message;
}

/**
 * My reaction: one per member per message; another replaces mine, null removes it. An encrypted message
 * takes encrypted reactions only (kept one per member, as sent), a plain one emoji.
 */
export async function reactToMessage(app: AppContext, userId: string, ref: MessageRef, reaction: ReactionContent): Promise<MessageUpdate> {
  const result = await app.store.transact(async (tx) => {
    const t = await target(tx, userId, ref, true);
    const { message } = t;
    if (message.type === "system" || message.type === "deleted") throw new AppError("bad_request", { key: "errors.messages.cantReact" });
    const sealed = message.type === "encrypted";
    const removal = (reaction.emoji ?? reaction.encrypted ?? null) === null;
    if (!removal && sealed !== (reaction.encrypted !== undefined))
      throw new AppError(
        "bad_request",
        { key: sealed ? "errors.messages.reactEncrypted" : "errors.messages.reactPlain" },
        { field: sealed ? "encrypted" : "emoji" },
      );
    const reactions = sealed
      ? withSealedReaction(message.sealedReactions ?? [], userId, reaction.encrypted ?? null)
      : withReaction(message.reactions ?? [], userId, reaction.emoji ?? null);
    if (reactions === null) return null;
    await changeMessage(tx, t.conversation, ref.seq, { reactions: reactions.length ? JSON.stringify(reactions) : null });
    return changed(tx, t);
  });
  if (!result) return (await messageAt(app, userId, ref)) as MessageUpdate;
  return publishChange(app, result);
}

/** The encrypted reactions with the user's replaced by `encrypted` (or removed); null when nothing changes. */
function withSealedReaction(reactions: SealedReaction[], userId: string, encrypted: EncryptedContent | null): SealedReaction[] | null {
  const mine = reactions.find((r) => r.userId === userId);
  if (!mine && encrypted === null) return null;
  const others = reactions.filter((r) => r.userId !== userId);
  return encrypted === null ? others : [...others, { userId, encrypted }];
}

/** The reactions with the user's set to `emoji` (or removed); null when that is how they already are. */
export function withReaction(reactions: Reaction[], userId: string, emoji: string | null): Reaction[] | null {
  const mine = reactions.find((r) => r.userIds.includes(userId))?.emoji ?? null;
  if (mine === emoji) return null;
  const without = reactions
    .map((r) => ({ emoji: r.emoji, userIds: r.userIds.filter((id) => id !== userId) }))
    .filter((r) => r.userIds.length > 0);
  if (emoji === null) return without;
  const existing = without.find((r) => r.emoji === emoji);
  if (existing) existing.userIds.push(userId);
  else without.push({ emoji, userIds: [userId] });
  return without;
}

/**
 * Deletes a message for everyone: my own within DELETE_WINDOW_HOURS, or anyone's in a group I administer.
 * Its content, edit history, stars, mentions, pin and file reference are removed; a placeholder (type
 * "deleted") keeps its place. A file no message refers to any more is deleted.
 */
export async function deleteForEveryone(app: AppContext, userId: string, ref: MessageRef): Promise<MessageUpdate> {
  const { store, env, now, media, log } = app;
  const result = await store.transact(async (tx) => {
    const t = await target(tx, userId, ref, true);
    const { message, conversation, member } = t;
    if (message.type === "system") throw new AppError("forbidden", { key: "errors.messages.cantDeleteUpdate" });
    if (message.type === "deleted") return { change: null, blobs: [] as string[], unpinned: false };
    if (message.senderId === userId) {
      if (now().getTime() - Date.parse(message.createdAt) > env.deleteWindowMs)
        throw new AppError("forbidden", { key: "errors.messages.deleteWindow", values: inWindow(env.deleteWindowMs) });
    } else if (conversation.kind !== "group" || member.role !== "admin") {
      throw new AppError("forbidden", { key: "errors.messages.deleteOwnOnly" });
    }
    await changeMessage(tx, conversation, ref.seq, {
      type: "deleted",
      text: "",
      attachment: null,
      fileId: null,
      replyToSeq: null,
      forwards: 0,
      editedAt: null,
      reactions: null,
      expiresAt: null,
    });
    await forgetMessages(tx, ref.conversationId, [ref.seq]);
    const unpinned = conversation.pinnedSeqs.includes(ref.seq);
    if (unpinned)
      await setPinnedSeqs(
        tx,
        ref.conversationId,
        conversation.pinnedSeqs.filter((s) => s !== ref.seq),
      );
    const blobs = message.file ? await freeFiles(tx, [message.file.fileId]) : [];
    return { change: await changed(tx, t), blobs, unpinned };
  });
  for (const sha256 of result.blobs) await media.remove(sha256).catch((err) => log.warn({ err, sha256 }, "could not delete a freed file"));
  if (!result.change) return (await messageAt(app, userId, ref)) as MessageUpdate;
  if (result.unpinned) await app.publisher.conversationUpdated(ref.conversationId, result.change.memberIds);
  return publishChange(app, result.change);
}

/** Stars or unstars a message for me, or deletes it for me (hidden on all my devices, for good). */
async function flag(
  app: AppContext,
  userId: string,
  ref: MessageRef,
  change: (old: { starredAt: Date | null; hidden: boolean }) => { starredAt: Date | null; hidden: boolean },
  origin?: string,
  starring = false,
): Promise<FlagUpdate> {
  const { store, publisher } = app;
  const update = await store.transact(async (tx) => {
    const { member, message } = await target(tx, userId, ref, false);
    if (starring && message.type === "system") throw new AppError("bad_request", { key: "errors.messages.cantStarUpdate" });
    const old = await flagOf(tx, userId, ref.conversationId, ref.seq);
    const next = change(old);
    if (Boolean(next.starredAt) === Boolean(old.starredAt) && next.hidden === old.hidden)
      return {
        conversationId: ref.conversationId,
        seq: ref.seq,
        starred: Boolean(old.starredAt),
        hidden: old.hidden,
        flagSeq: member.flagSeq,
      };
    const flagSeq = await writeFlag(tx, { conversationId: ref.conversationId, userId, flagSeq: member.flagSeq }, ref.seq, next);
    return { conversationId: ref.conversationId, seq: ref.seq, starred: Boolean(next.starredAt), hidden: next.hidden, flagSeq };
  });
  publisher.flagUpdated(userId, update, origin);
  if (update.hidden) await publisher.conversationUpdated(ref.conversationId, [userId]);
  return update;
}

export function starMessage(app: AppContext, userId: string, ref: MessageRef, starred: boolean, origin?: string): Promise<FlagUpdate> {
  const at = app.now();
  return flag(app, userId, ref, (old) => ({ ...old, starredAt: starred ? (old.starredAt ?? at) : null }), origin, starred);
}

export function deleteForMe(app: AppContext, userId: string, ref: MessageRef, origin?: string): Promise<FlagUpdate> {
  return flag(app, userId, ref, () => ({ starredAt: null, hidden: true }), origin);
}

export function starredMessages(app: AppContext, userId: string): Promise<StarredMessage[]> {
  return starredOf(app.store.reader, userId, STARRED_MAX);
}

/**
 * Pins or unpins a message for everyone in the chat (in a group whose info only admins may edit, only
 * admins may). A chat keeps PINS_MAX pins: a new one replaces the oldest.
 */
export async function pinMessage(app: AppContext, userId: string, ref: MessageRef, pinned: boolean): Promise<ConversationSummary> {
  const { store, publisher } = app;
  const notify = await store.transact(async (tx) => {
    const { conversation, member, message } = await target(tx, userId, ref, true);
    if (conversation.kind === "group" && conversation.onlyAdminsEdit && member.role !== "admin")
      throw new AppError("forbidden", { key: "errors.groups.adminsOnly.pinMessages" });
    if (pinned && (message.type === "system" || message.type === "deleted"))
      throw new AppError("bad_request", { key: "errors.messages.cantPin" });
    const without = conversation.pinnedSeqs.filter((s) => s !== ref.seq);
    const next = pinned ? [...without, ref.seq].slice(-PINS_MAX) : without;
    if (JSON.stringify(next) === JSON.stringify(conversation.pinnedSeqs)) return [];
    await setPinnedSeqs(tx, ref.conversationId, next);
    return activeMemberIds(tx, ref.conversationId);
  });
  if (notify.length) await publisher.conversationUpdated(ref.conversationId, notify);
  return summarize(app, ref.conversationId, userId);
}
