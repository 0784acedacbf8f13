// SQL of privacy: users' settings, blocks, and how one viewer stands with many other users, read in one
// statement per question (these reads sit on every summary, profile lookup and presence subscription).
import type { GroupAdders, PrivacySettings, StatusAudience, Visibility } from "../../lib/contracts/privacy";
import { USER_COLUMNS, type UserRow } from "./account-sql";
import { type Driver, fromDbTime, json, jsonRows, truthy } from "./driver";

export const directKeyOf = (a: string, b: string) => [a, b].sort().join(":");

/** A user's settings as stored (the status lists apart). */
export type StoredPrivacy = Omit<PrivacySettings, "statusExcept" | "statusOnly">;

const SETTINGS = `u."lastSeenPrivacy", u."photoPrivacy", u."aboutPrivacy", u."groupAddPrivacy", u."readReceipts", u."statusPrivacy", u."silenceUnknownCallers", u."relayCalls", u."linkPreviews"`;

const toSettings = (r: Record<string, unknown>): StoredPrivacy => ({
  lastSeen: r.lastSeenPrivacy as Visibility,
  photo: r.photoPrivacy as Visibility,
  about: r.aboutPrivacy as Visibility,
  groups: r.groupAddPrivacy as GroupAdders,
  readReceipts: truthy(r.readReceipts),
  status: r.statusPrivacy as StatusAudience,
  silenceUnknownCallers: truthy(r.silenceUnknownCallers),
  relayCalls: truthy(r.relayCalls),
  linkPreviews: truthy(r.linkPreviews),
});

/** How an owner stands with the viewer who asks. */
export interface Relation {
  ownerId: string;
  /** The owner's public columns. */
  user: UserRow;
  owner: StoredPrivacy;
  /** The viewer is one of the owner's contacts: they have a one-to-one chat the owner consented to (see contactIds). */
  viewerIsContact: boolean;
  /** The owner is one of the viewer's contacts. */
  ownerIsContact: boolean;
  /** The viewer's chat with the owner is a message request the owner hasn't accepted. */
  requestPending: boolean;
  ownerBlocksViewer: boolean;
  viewerBlocksOwner: boolean;
  /** The viewer is on the owner's current status list ("except" or "only", whichever the owner uses). */
  statusListed: boolean;
}

/** How each of these users (that exists) stands with `viewerId`, with their public columns, in one statement. */
export async function relationsOf(db: Driver, viewerId: string, ownerIds: string[]): Promise<Map<string, Relation>> {
  if (!ownerIds.length) return new Map();
  const rows = await db.all(
    `SELECT ${USER_COLUMNS}, ${SETTINGS}, o."accepted" AS "ownerAccepted", o."request" AS "ownerRequest", w."accepted" AS "viewerAccepted", EXISTS (SELECT 1 FROM "Block" b WHERE b."userId" = u."id" AND b."blockedId" = ?) AS "blocksViewer", EXISTS (SELECT 1 FROM "Block" b WHERE b."userId" = ? AND b."blockedId" = u."id") AS "blockedByViewer", EXISTS (SELECT 1 FROM "StatusAudience" s WHERE s."userId" = u."id" AND s."list" = u."statusPrivacy" AND s."memberId" = ?) AS "listed" FROM ${jsonRows(
      db.dialect,
      "v",
      [
        ["o", "text"],
        ["k", "text"],
      ],
    )} JOIN "User" u ON u."id" = v."o" LEFT JOIN "Conversation" c ON c."directKey" = v."k" LEFT JOIN "ConversationMember" o ON o."conversationId" = c."id" AND o."userId" = u."id" LEFT JOIN "ConversationMember" w ON w."conversationId" = c."id" AND w."userId" = ?`,
    [viewerId, viewerId, viewerId, json([...new Set(ownerIds)].map((id) => [id, directKeyOf(id, viewerId)])), viewerId],
  );
  return new Map(
    rows.map((r) => [
      r.id as string,
      {
        ownerId: r.id as string,
        user: {
          id: r.id as string,
          username: r.username as string,
          displayName: r.displayName as string,
          about: r.about as string,
          avatarKey: (r.avatarKey as string | null) ?? null,
        },
        owner: toSettings(r),
        viewerIsContact: truthy(r.ownerAccepted),
        ownerIsContact: truthy(r.viewerAccepted),
        requestPending: truthy(r.ownerRequest),
        ownerBlocksViewer: truthy(r.blocksViewer),
        viewerBlocksOwner: truthy(r.blockedByViewer),
        statusListed: truthy(r.listed),
      },
    ]),
  );
}

/** A user's settings with the status lists (undefined: no such user). */
export async function privacyOf(db: Driver, userId: string): Promise<PrivacySettings | undefined> {
  const row = await db.get(`SELECT ${SETTINGS} FROM "User" u WHERE u."id" = ?`, [userId]);
  if (!row) return undefined;
  const lists = await db.all<{ list: string; memberId: string }>(
    `SELECT "list", "memberId" FROM "StatusAudience" WHERE "userId" = ? ORDER BY "memberId"`,
    [userId],
  );
  const members = (list: string) => lists.filter((l) => l.list === list).map((l) => l.memberId);
  return { ...toSettings(row), statusExcept: members("except"), statusOnly: members("only") };
}

const COLUMN: Record<keyof StoredPrivacy, string> = {
  lastSeen: "lastSeenPrivacy",
  photo: "photoPrivacy",
  about: "aboutPrivacy",
  groups: "groupAddPrivacy",
  readReceipts: "readReceipts",
  status: "statusPrivacy",
  silenceUnknownCallers: "silenceUnknownCallers",
  relayCalls: "relayCalls",
  linkPreviews: "linkPreviews",
};

const BOOLEANS = new Set<keyof StoredPrivacy>(["readReceipts", "silenceUnknownCallers", "relayCalls", "linkPreviews"]);

/** Writes the settings given (lists replace the stored ones; ids that aren't users are left out). */
export async function writePrivacy(tx: Driver, userId: string, changes: Partial<PrivacySettings>): Promise<void> {
  const set = (Object.keys(COLUMN) as (keyof StoredPrivacy)[]).filter((k) => changes[k] !== undefined);
  if (set.length)
    await tx.run(
      // Booleans as literals: better-sqlite3 binds none, and both dialects read true/false.
      `UPDATE "User" SET ${set.map((k) => (BOOLEANS.has(k) ? `"${COLUMN[k]}" = ${changes[k] ? "true" : "false"}` : `"${COLUMN[k]}" = ?`)).join(", ")} WHERE "id" = ?`,
      [...set.filter((k) => !BOOLEANS.has(k)).map((k) => changes[k] as string), userId],
    );
  for (const [list, ids] of [
    ["except", changes.statusExcept],
    ["only", changes.statusOnly],
  ] as const) {
    if (!ids) continue;
    await tx.run(`DELETE FROM "StatusAudience" WHERE "userId" = ? AND "list" = ?`, [userId, list]);
    const members = [...new Set(ids)].filter((id) => id !== userId);
    if (members.length)
      await tx.run(
        `INSERT INTO "StatusAudience" ("userId", "list", "memberId") SELECT ?, ?, u."id" FROM ${jsonRows(tx.dialect, "v", [["m", "text"]])} JOIN "User" u ON u."id" = v."m"`,
        [userId, list, json(members.map((id) => [id]))],
      );
  }
}

/**
 * The owner's contacts: those with a one-to-one chat the owner consented to by an act of their own
 * (started it, accepted its request, sent a message in it: ConversationMember.accepted). Sharing a group,
 * or someone else opening a chat, never makes a contact. Read at every use, never cached.
 */
export async function contactIds(db: Driver, ownerId: string): Promise<string[]> {
  const rows = await db.all<{ userId: string }>(
    `SELECT w."userId" FROM "ConversationMember" o JOIN "Conversation" c ON c."id" = o."conversationId" AND c."kind" = 'direct' JOIN "ConversationMember" w ON w."conversationId" = o."conversationId" AND w."userId" <> o."userId" WHERE o."userId" = ? AND o."accepted"`,
    [ownerId],
  );
  return rows.map((r) => r.userId);
}

/** Those who share a conversation with the user now (a direct chat, or a group both are current members of). */
export async function peerIds(db: Driver, userId: string): Promise<string[]> {
  const rows = await db.all<{ userId: string }>(
    `SELECT DISTINCT b."userId" FROM "ConversationMember" a JOIN "ConversationMember" b ON b."conversationId" = a."conversationId" AND b."userId" <> a."userId" AND b."leftSeq" IS NULL WHERE a."userId" = ? AND a."leftSeq" IS NULL`,
    [userId],
  );
  return rows.map((r) => r.userId);
}

/**
 * The users whose devices `userId`'s devices exchange keys with: those it shares a conversation with
 * (peerIds), and those on its own "only" status list or on whose list it is (an encrypted status's room key
 * goes to everyone it is shown to, even someone with no chat in common).
 */
export async function cryptoPeerIds(db: Driver, userId: string): Promise<string[]> {
  const [peers, listed] = await Promise.all([
    peerIds(db, userId),
    db.all<{ userId: string }>(
      `SELECT "memberId" AS "userId" FROM "StatusAudience" WHERE "userId" = ? AND "list" = 'only' UNION SELECT "userId" FROM "StatusAudience" WHERE "memberId" = ? AND "list" = 'only'`,
      [userId, userId],
    ),
  ]);
  return [...new Set([...peers, ...listed.map((r) => r.userId)])];
}

/** Which of these [blocker, blocked] pairs are blocks, as "blocker blocked" keys, in one read. */
export async function blocksAmong(db: Driver, pairs: [string, string][]): Promise<Set<string>> {
  if (!pairs.length) return new Set();
  const rows = await db.all<{ userId: string; blockedId: string }>(
    `SELECT b."userId", b."blockedId" FROM ${jsonRows(db.dialect, "v", [
      ["a", "text"],
      ["b", "text"],
    ])} JOIN "Block" b ON b."userId" = v."a" AND b."blockedId" = v."b"`,
    [json(pairs)],
  );
  return new Set(rows.map((r) => `${r.userId} ${r.blockedId}`));
}

/** Those the user blocked, newest first. */
export async function blockedBy(db: Driver, userId: string): Promise<{ userId: string; blockedAt: string }[]> {
  const rows = await db.all(`SELECT "blockedId", "createdAt" FROM "Block" WHERE "userId" = ? ORDER BY "createdAt" DESC`, [userId]);
  return rows.map((r) => ({ userId: r.blockedId as string, blockedAt: fromDbTime(r.createdAt) as string }));
}

/** Those who blocked the user. */
export async function blockersOf(db: Driver, userId: string): Promise<string[]> {
  const rows = await db.all<{ userId: string }>(`SELECT "userId" FROM "Block" WHERE "blockedId" = ?`, [userId]);
  return rows.map((r) => r.userId);
}
