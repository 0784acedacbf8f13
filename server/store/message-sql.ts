// SQL of changes to sent messages (edits, reactions, deletions, flags, pins, expiry) and of chat settings,
// run inside the store's write transaction (store.transact) so they are ordered with sends. The rules
// that decide whether a change is allowed live in the services; these only read and write.
import type { MessageEditEntry, StarredMessage } from "../../lib/contracts/message-actions";
import type { ChatMessage } from "../../lib/contracts/messaging";
import { type Driver, fromDbTime, inJson, json, jsonRows, type Param, toDbTime, truthy } from "./driver";
import { withQuotes } from "./message-reads";
import { MESSAGE_COLUMNS, type MembershipRow, type MessageRow, notHidden, qualified, toMembership, toMessage } from "./message-rows";
import type { Membership } from "./message-types";

/** A conversation about to change, locked (PostgreSQL; SQLite's write transaction is already exclusive). */
export interface LockedConversation {
  id: string;
  kind: "direct" | "group";
  onlyAdminsEdit: boolean;
  changeSeq: number;
  pinnedSeqs: number[];
  disappearAfter: number | null;
}

export async function lockConversation(tx: Driver, conversationId: string): Promise<LockedConversation | null> {
  const row = await tx.get(
    `SELECT "id", "kind", "onlyAdminsEdit", "changeSeq", "pinnedSeqs", "disappearAfter" FROM "Conversation" WHERE "id" = ?${tx.dialect === "postgresql" ? " FOR UPDATE" : ""}`,
    [conversationId],
  );
  if (!row) return null;
  return {
    id: row.id as string,
    kind: row.kind === "group" ? "group" : "direct",
    onlyAdminsEdit: truthy(row.onlyAdminsEdit),
    changeSeq: Number(row.changeSeq),
    pinnedSeqs: JSON.parse(row.pinnedSeqs as string),
    disappearAfter: row.disappearAfter == null ? null : Number(row.disappearAfter),
  };
}

/** The user's membership, current or past, with their chat settings and flag counter (null: never a member). */
export async function membershipIn(tx: Driver, conversationId: string, userId: string): Promise<Required<Membership> | null> {
  const row = await tx.get<MembershipRow>(
    `SELECT "role", "joinedSeq", "leftSeq", "pinnedAt", "archived", "mutedUntil", "flagSeq", "clearedSeq", "deleted", "markedUnread" FROM "ConversationMember" WHERE "conversationId" = ? AND "userId" = ?`,
    [conversationId, userId],
  );
  return row ? (toMembership(row) as Required<Membership>) : null;
}

/** The message at `seq` unless `viewer` deleted it for themselves (null: none). */
export async function messageIn(db: Driver, conversationId: string, seq: number, viewer: string): Promise<ChatMessage | null> {
  const row = await db.get<MessageRow>(
    `SELECT ${MESSAGE_COLUMNS} FROM "Message" m WHERE "conversationId" = ? AND "seq" = ? AND ${notHidden("m")}`,
    [conversationId, seq, viewer],
  );
  if (!row) return null;
  const [message] = await withQuotes(db, [toMessage(row)]);
  return message;
}

/**
 * Writes a change to a message: the columns given, and the conversation's next change number on both
 * the message and the conversation. Returns that number.
 */
export async function changeMessage(
  tx: Driver,
  conversation: LockedConversation,
  seq: number,
  columns: Record<string, Param>,
): Promise<number> {
  const changeSeq = ++conversation.changeSeq;
  const names = Object.keys(columns);
  await tx.run(
    `UPDATE "Message" SET ${names.map((c) => `"${c}" = ?`).join(", ")}${names.length ? ", " : ""}"changedSeq" = ? WHERE "conversationId" = ? AND "seq" = ?`,
    [...Object.values(columns), changeSeq, conversation.id, seq],
  );
  await tx.run(`UPDATE "Conversation" SET "changeSeq" = ? WHERE "id" = ?`, [changeSeq, conversation.id]);
  return changeSeq;
}

/** Keeps the text an edit replaces, as the next version. */
export async function saveEdit(tx: Driver, conversationId: string, seq: number, text: string, at: Date): Promise<void> {
  await tx.run(
    `INSERT INTO "MessageEdit" ("conversationId", "seq", "version", "text", "editedAt") SELECT ?, ?, COALESCE(MAX("version"), 0) + 1, ?, ? FROM "MessageEdit" WHERE "conversationId" = ? AND "seq" = ?`,
    [conversationId, seq, text, toDbTime(tx.dialect, at), conversationId, seq],
  );
}

export async function editsOf(db: Driver, conversationId: string, seq: number): Promise<MessageEditEntry[]> {
  const rows = await db.all(
    `SELECT "version", "text", "editedAt" FROM "MessageEdit" WHERE "conversationId" = ? AND "seq" = ? ORDER BY "version"`,
    [conversationId, seq],
  );
  return rows.map((r) => ({ version: Number(r.version), text: r.text as string, editedAt: fromDbTime(r.editedAt) as string }));
}

/**
 * What deleting messages for everyone, or their expiry, removes besides their content: edit history,
 * mentions, stars (a member's deletion for themselves stays, so the message stays hidden from them), pins.
 */
export async function forgetMessages(tx: Driver, conversationId: string, seqs: number[]): Promise<void> {
  const params = [conversationId, json(seqs.map((q) => [q]))];
  await tx.run(`DELETE FROM "MessageEdit" WHERE "conversationId" = ? AND "seq" IN ${seqList(tx)}`, params);
  await tx.run(`DELETE FROM "MessageMention" WHERE "conversationId" = ? AND "seq" IN ${seqList(tx)}`, params);
  await tx.run(`UPDATE "MessageFlag" SET "starredAt" = NULL WHERE "conversationId" = ? AND "seq" IN ${seqList(tx)}`, params);
}

/** "In this list of seqs", the list in one parameter: json(seqs.map((q) => [q])). */
const seqList = (tx: Driver) => `(SELECT v."q" FROM ${jsonRows(tx.dialect, "v", [["q", "integer"]])})`;

export async function setPinnedSeqs(tx: Driver, conversationId: string, seqs: number[]): Promise<void> {
  await tx.run(`UPDATE "Conversation" SET "pinnedSeqs" = ? WHERE "id" = ?`, [JSON.stringify(seqs), conversationId]);
}

/**
 * Frees the uploads of files no message or status refers to any more, and the blobs no upload refers to;
 * returns the hashes of the blobs whose bytes can now be deleted (after commit).
 */
export async function freeFiles(tx: Driver, fileIds: string[]): Promise<string[]> {
  if (!fileIds.length) return [];
  const orphans = await tx.all<{ id: string; sha256: string }>(
    `SELECT u."id", u."sha256" FROM "MediaUpload" u WHERE u."id" ${inJson(tx.dialect)} AND NOT EXISTS (SELECT 1 FROM "Message" m WHERE m."fileId" = u."id") AND NOT EXISTS (SELECT 1 FROM "Status" s WHERE s."fileId" = u."id")`,
    [json(fileIds)],
  );
  if (!orphans.length) return [];
  await tx.run(`DELETE FROM "MediaUpload" WHERE "id" ${inJson(tx.dialect)}`, [json(orphans.map((o) => o.id))]);
  const blobs = [...new Set(orphans.map((o) => o.sha256))];
  const freed = await tx.all<{ sha256: string }>(
    `SELECT b."sha256" FROM "MediaBlob" b WHERE b."sha256" ${inJson(tx.dialect)} AND NOT EXISTS (SELECT 1 FROM "MediaUpload" u WHERE u."sha256" = b."sha256")`,
    [json(blobs)],
  );
  if (freed.length) await tx.run(`DELETE FROM "MediaBlob" WHERE "sha256" ${inJson(tx.dialect)}`, [json(freed.map((b) => b.sha256))]);
  return freed.map((b) => b.sha256);
}

/** Sets a member's flag on a message (star, deletion for them) with their next flag number; returns it. */
export async function writeFlag(
  tx: Driver,
  member: { conversationId: string; userId: string; flagSeq: number },
  seq: number,
  flag: { starredAt: Date | null; hidden: boolean },
): Promise<number> {
  const flagSeq = member.flagSeq + 1;
  const starredAt = flag.starredAt ? toDbTime(tx.dialect, flag.starredAt) : null;
  const hidden = flag.hidden ? "TRUE" : "FALSE";
  await tx.run(
    `INSERT INTO "MessageFlag" ("userId", "conversationId", "seq", "starredAt", "hidden", "flagSeq") VALUES (?, ?, ?, ?, ${hidden}, ?)
     ON CONFLICT ("userId", "conversationId", "seq") DO UPDATE SET "starredAt" = excluded."starredAt", "hidden" = excluded."hidden", "flagSeq" = excluded."flagSeq"`,
    [member.userId, member.conversationId, seq, starredAt, flagSeq],
  );
  await tx.run(`UPDATE "ConversationMember" SET "flagSeq" = ? WHERE "conversationId" = ? AND "userId" = ?`, [
    flagSeq,
    member.conversationId,
    member.userId,
  ]);
  return flagSeq;
}

export async function flagOf(db: Driver, userId: string, conversationId: string, seq: number) {
  const row = await db.get(`SELECT "starredAt", "hidden" FROM "MessageFlag" WHERE "userId" = ? AND "conversationId" = ? AND "seq" = ?`, [
    userId,
    conversationId,
    seq,
  ]);
  return { starredAt: row?.starredAt == null ? null : new Date(fromDbTime(row.starredAt) as string), hidden: Boolean(row?.hidden) };
}

/** My starred messages that I may still see, most recently starred first. */
export async function starredOf(db: Driver, userId: string, limit: number): Promise<StarredMessage[]> {
  const rows = await db.all<MessageRow & { flagStarredAt: string | Date }>(
    `SELECT ${qualified(MESSAGE_COLUMNS, "msg")}, f."starredAt" AS "flagStarredAt" FROM "MessageFlag" f JOIN "Message" msg ON msg."conversationId" = f."conversationId" AND msg."seq" = f."seq" JOIN "ConversationMember" m ON m."conversationId" = f."conversationId" AND m."userId" = f."userId" AND msg."seq" > m."joinedSeq" AND msg."seq" > m."clearedSeq" AND (m."leftSeq" IS NULL OR msg."seq" <= m."leftSeq") WHERE f."userId" = ? AND f."starredAt" IS NOT NULL ORDER BY f."starredAt" DESC LIMIT ?`,
    [userId, limit],
  );
  const messages = await withQuotes(db, rows.map(toMessage));
  return messages.map((message, i) => ({ message, starredAt: fromDbTime(rows[i].flagStarredAt) as string }));
}

export interface Expired {
  conversationId: string;
  seqs: number[];
}

/**
 * Removes up to `limit` messages whose time ran out, with what hangs off them; returns them by
 * conversation and the blobs whose bytes can now be deleted.
 */
export async function removeExpired(tx: Driver, now: Date, limit: number): Promise<{ removed: Expired[]; blobs: string[] }> {
  const rows = await tx.all(
    `SELECT "conversationId", "seq", "fileId" FROM "Message" WHERE "expiresAt" IS NOT NULL AND "expiresAt" <= ? ORDER BY "expiresAt" LIMIT ?`,
    [toDbTime(tx.dialect, now), limit],
  );
  if (!rows.length) return { removed: [], blobs: [] };
  const byConversation = new Map<string, number[]>();
  for (const r of rows)
    byConversation.set(r.conversationId as string, [...(byConversation.get(r.conversationId as string) ?? []), Number(r.seq)]);
  for (const [conversationId, seqs] of byConversation) {
    const params = [conversationId, json(seqs.map((q) => [q]))];
    await tx.run(`DELETE FROM "Message" WHERE "conversationId" = ? AND "seq" IN ${seqList(tx)}`, params);
    await forgetMessages(tx, conversationId, seqs);
    await tx.run(`DELETE FROM "MessageFlag" WHERE "conversationId" = ? AND "seq" IN ${seqList(tx)}`, params);
  }
  const blobs = await freeFiles(
    tx,
    rows.flatMap((r) => (r.fileId == null ? [] : [r.fileId as string])),
  );
  return { removed: [...byConversation].map(([conversationId, seqs]) => ({ conversationId, seqs })), blobs };
}

/** A member's own chat settings. */
export async function writeChatSettings(
  tx: Driver,
  conversationId: string,
  userId: string,
  s: { pinnedAt?: Date | null; archived?: boolean; mutedUntil?: Date | null; markedUnread?: boolean },
): Promise<void> {
  const sets: string[] = [];
  const params: Param[] = [];
  const time = (d: Date | null) => (d ? toDbTime(tx.dialect, d) : null);
  if (s.pinnedAt !== undefined) sets.push(`"pinnedAt" = ?`) && params.push(time(s.pinnedAt));
  if (s.archived !== undefined) sets.push(`"archived" = ${s.archived ? "TRUE" : "FALSE"}`);
  if (s.mutedUntil !== undefined) sets.push(`"mutedUntil" = ?`) && params.push(time(s.mutedUntil));
  if (s.markedUnread !== undefined) sets.push(`"markedUnread" = ${s.markedUnread ? "TRUE" : "FALSE"}`);
  await tx.run(`UPDATE "ConversationMember" SET ${sets.join(", ")} WHERE "conversationId" = ? AND "userId" = ?`, [
    ...params,
    conversationId,
    userId,
  ]);
}

/**
 * Clear chat (and Delete chat, `deleted`): the member no longer sees messages up to `upTo`; the chat is no
 * longer marked unread. The watermark only moves forward.
 */
export async function writeCleared(tx: Driver, conversationId: string, userId: string, upTo: number, deleted: boolean): Promise<void> {
  await tx.run(
    `UPDATE "ConversationMember" SET "clearedSeq" = CASE WHEN "clearedSeq" > ? THEN "clearedSeq" ELSE ? END, "deleted" = ${deleted ? "TRUE" : "FALSE"}, "markedUnread" = FALSE WHERE "conversationId" = ? AND "userId" = ?`,
    [upTo, upTo, conversationId, userId],
  );
}

export async function pinnedChatCount(tx: Driver, userId: string): Promise<number> {
  const row = await tx.get(`SELECT COUNT(*) AS "n" FROM "ConversationMember" WHERE "userId" = ? AND "pinnedAt" IS NOT NULL`, [userId]);
  return Number(row?.n ?? 0);
}

export async function setDisappearAfter(tx: Driver, conversationId: string, seconds: number | null): Promise<void> {
  await tx.run(`UPDATE "Conversation" SET "disappearAfter" = ? WHERE "id" = ?`, [seconds, conversationId]);
}
