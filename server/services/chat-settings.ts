// A member's own settings for a chat (pinned to the top, archived, muted, marked unread, cleared or deleted)
// and the chat's disappearing-message timer, which either person in a one-to-one chat, or an admin of a
// group, sets for everyone.
import { type ChatSettings, type ClearChat, DISAPPEAR_TIMERS, MUTE_DURATIONS } from "../../lib/contracts/message-actions";
import type { ConversationSummary } from "../../lib/contracts/messaging";
import type { AppContext } from "../context";
import { AppError } from "../errors";
import { conversation as conversationRow } from "../store/member-reads";
import {
  lockConversation,
  membershipIn,
  pinnedChatCount,
  removeExpired,
  setDisappearAfter,
  writeChatSettings,
  writeCleared,
} from "../store/message-sql";
import { summarize } from "./conversation-access";
import { announce, emptyEvent, namesOf, recordEvent } from "./group-events";

/** The most chats pinned to the top of one person's list. */
export const PINNED_CHATS_MAX = 3;
/** "Muted always" lasts until then. */
const FOREVER = new Date("9999-12-31T00:00:00.000Z");

export async function updateChatSettings(
  app: AppContext,
  userId: string,
  conversationId: string,
  settings: ChatSettings,
): Promise<ConversationSummary> {
  const { store, now, publisher } = app;
  await store.transact(async (tx) => {
    const member = await membershipIn(tx, conversationId, userId);
    if (!member) throw new AppError("not_found", { key: "errors.chats.notFound" });
    const at = now();
    const changes: Parameters<typeof writeChatSettings>[3] = {};
    if (settings.pinned !== undefined && settings.pinned !== (member.pinnedAt !== null)) {
      if (settings.pinned && (await pinnedChatCount(tx, userId)) >= PINNED_CHATS_MAX)
        throw new AppError("conflict", { key: "errors.chats.pinLimit", values: { limit: PINNED_CHATS_MAX } }, { field: "pinned" });
      changes.pinnedAt = settings.pinned ? at : null;
    }
    if (settings.archived !== undefined) changes.archived = settings.archived;
    if (settings.mute !== undefined) {
      const seconds = settings.mute === null ? 0 : MUTE_DURATIONS[settings.mute];
      changes.mutedUntil = settings.mute === null ? null : seconds === null ? FOREVER : new Date(at.getTime() + seconds * 1000);
    }
    if (settings.unread !== undefined) changes.markedUnread = settings.unread;
    if (Object.keys(changes).length) await writeChatSettings(tx, conversationId, userId, changes);
  });
  const summary = await summarize(app, conversationId, userId);
  await publisher.conversationUpdated(conversationId, [userId]);
  return summary;
}

/**
 * Clear chat: messages up to `upTo` (the last one the user's app showed; never past the last one they may
 * see) go from all their devices; others keep theirs. Delete chat also takes it out of their list until a
 * newer message arrives; a group can be deleted only after leaving it.
 */
export async function clearChat(app: AppContext, userId: string, conversationId: string, clear: ClearChat): Promise<ConversationSummary> {
  const { upTo, deleteChat = false } = clear;
  await app.store.transact(async (tx) => {
    const member = await membershipIn(tx, conversationId, userId);
    const conversation = member && (await conversationRow(tx, conversationId));
    if (!member || !conversation) throw new AppError("not_found", { key: "errors.chats.notFound" });
    if (deleteChat && conversation.kind === "group" && member.leftSeq === null)
      throw new AppError("conflict", { key: "errors.groups.exitBeforeDelete" });
    const last = Math.min(conversation.lastSeq, member.leftSeq ?? conversation.lastSeq);
    await writeCleared(tx, conversationId, userId, Math.min(upTo, last), deleteChat);
  });
  const summary = await summarize(app, conversationId, userId);
  await app.publisher.conversationUpdated(conversationId, [userId]);
  return summary;
}

const TIMER_NAMES = new Map<number, string>(Object.entries(DISAPPEAR_TIMERS).map(([name, seconds]) => [seconds, name]));

/** Sets the chat's timer for new messages (0: off) and says so in the chat. */
export async function setDisappearing(
  app: AppContext,
  userId: string,
  conversationId: string,
  seconds: number,
): Promise<ConversationSummary> {
  const actor = (await namesOf(app, [userId])).get(userId);
  const { store } = app;
  const out = await store.transact(async (tx) => {
    const out = emptyEvent();
    const conversation = await lockConversation(tx, conversationId);
    const member = conversation && (await membershipIn(tx, conversationId, userId));
    if (!conversation || !member || member.leftSeq !== null) throw new AppError("not_found", { key: "errors.chats.notFound" });
    if (conversation.kind === "group" && member.role !== "admin")
      throw new AppError("forbidden", { key: "errors.groups.adminsOnly.changeDisappearing" });
    const next = seconds || null;
    if (next === conversation.disappearAfter) return out;
    await setDisappearAfter(tx, conversationId, next);
    await recordEvent(
      app,
      tx,
      out,
      conversationId,
      userId,
      next
        ? `${actor} turned on disappearing messages. New messages will disappear from this chat ${TIMER_NAMES.get(next)} after they're sent.`
        : `${actor} turned off disappearing messages.`,
    );
    return out;
  });
  if (out.messages.length) await announce(app, conversationId, out);
  return summarize(app, conversationId, userId);
}

/** Removes messages whose time ran out (in batches), their files when nothing else refers to them, and tells the members. */
export async function removeExpiredMessages(app: AppContext): Promise<number> {
  const { store, now, publisher, media, log } = app;
  const BATCH = 500;
  let total = 0;
  for (;;) {
    const { removed, blobs } = await store.transact((tx) => removeExpired(tx, now(), BATCH));
    for (const r of removed) {
      total += r.seqs.length;
      publisher.messagesRemoved(r, await store.memberIds(r.conversationId));
    }
    for (const sha256 of blobs) await media.remove(sha256).catch((err) => log.warn({ err, sha256 }, "could not delete an expired file"));
    if (removed.reduce((n, r) => n + r.seqs.length, 0) < BATCH) return total;
  }
}
