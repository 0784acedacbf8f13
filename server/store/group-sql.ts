// SQL of group changes, run inside the store's write transaction (store.transact) so they are ordered
// with sends by seq. Same dialect rules as the store: `?` placeholders, quoted identifiers.
import type { GroupRole } from "../../lib/contracts/groups";
import { AppError } from "../errors";
import { type Driver, toDbTime } from "./driver";

export interface LockedGroup {
  id: string;
  name: string;
  lastSeq: number;
  onlyAdminsEdit: boolean;
  inviteCode: string | null;
}

export interface MemberRow {
  userId: string;
  role: GroupRole;
  leftSeq: number | null;
}

const truthy = (v: unknown) => v === true || v === 1;

/** Locks the group's row (PostgreSQL; SQLite's write transaction is already exclusive) and reads it. */
export async function lockGroup(tx: Driver, conversationId: string): Promise<LockedGroup> {
  const row = await tx.get(
    `SELECT "id", "kind", "name", "lastSeq", "onlyAdminsEdit", "inviteCode" FROM "Conversation" WHERE "id" = ?${tx.dialect === "postgresql" ? " FOR UPDATE" : ""}`,
    [conversationId],
  );
  if (!row) throw new AppError("not_found", { key: "errors.chats.notFound" });
  if (row.kind !== "group") throw new AppError("bad_request", { key: "errors.groups.notAGroup" });
  return {
    id: row.id as string,
    name: (row.name as string) ?? "",
    lastSeq: Number(row.lastSeq),
    onlyAdminsEdit: truthy(row.onlyAdminsEdit),
    inviteCode: (row.inviteCode as string | null) ?? null,
  };
}

export async function memberRow(tx: Driver, conversationId: string, userId: string): Promise<MemberRow | null> {
  const row = await tx.get(`SELECT "userId", "role", "leftSeq" FROM "ConversationMember" WHERE "conversationId" = ? AND "userId" = ?`, [
    conversationId,
    userId,
  ]);
  return row
    ? {
        userId: row.userId as string,
        role: row.role === "admin" ? "admin" : "member",
        leftSeq: row.leftSeq == null ? null : Number(row.leftSeq),
      }
    : null;
}

/** The actor's current membership; a past or never member gets the same 404 as a missing group. */
export async function requireActive(tx: Driver, conversationId: string, userId: string): Promise<MemberRow> {
  const row = await memberRow(tx, conversationId, userId);
  if (!row || row.leftSeq !== null) throw new AppError("not_found", { key: "errors.chats.notFound" });
  return row;
}

/** What only a group's admins may do: its message is errors.groups.adminsOnly.<action> ("Only group admins can ..."). */
export type GroupAdminAction = "manageInviteLink" | "addParticipants" | "removeParticipants" | "makeAdmins" | "dismissAdmins";

export async function requireAdmin(tx: Driver, conversationId: string, userId: string, action: GroupAdminAction): Promise<MemberRow> {
  const row = await requireActive(tx, conversationId, userId);
  if (row.role !== "admin") throw new AppError("forbidden", { key: `errors.groups.adminsOnly.${action}` });
  return row;
}

export async function activeCount(tx: Driver, conversationId: string): Promise<number> {
  const row = await tx.get<{ n: number }>(
    `SELECT COUNT(*) AS "n" FROM "ConversationMember" WHERE "conversationId" = ? AND "leftSeq" IS NULL`,
    [conversationId],
  );
  return Number(row?.n ?? 0);
}

export async function insertGroup(tx: Driver, g: { id: string; name: string; description: string; at: Date }): Promise<void> {
  await tx.run(`INSERT INTO "Conversation" ("id", "kind", "name", "description", "lastSeq", "createdAt") VALUES (?, 'group', ?, ?, 0, ?)`, [
    g.id,
    g.name,
    g.description,
    toDbTime(tx.dialect, g.at),
  ]);
}

/**
 * Makes the user a current member who sees messages after `joinedSeq` (a returning member gets their
 * row back). Their watermarks start there, so messages from before they joined never wait on them.
 */
export async function addMemberRow(
  tx: Driver,
  conversationId: string,
  userId: string,
  role: GroupRole,
  joinedSeq: number,
  at: Date,
): Promise<void> {
  const when = toDbTime(tx.dialect, at);
  await tx.run(
    `INSERT INTO "ConversationMember" ("conversationId", "userId", "role", "joinedAt", "joinedSeq", "deliveredSeq", "readSeq", "leftSeq") VALUES (?, ?, ?, ?, ?, ?, ?, NULL)
     ON CONFLICT ("conversationId", "userId") DO UPDATE SET "role" = excluded."role", "joinedAt" = excluded."joinedAt", "joinedSeq" = excluded."joinedSeq", "deliveredSeq" = excluded."deliveredSeq", "readSeq" = excluded."readSeq", "leftSeq" = NULL`,
    [conversationId, userId, role, when, joinedSeq, joinedSeq, joinedSeq],
  );
}

export async function markLeft(tx: Driver, conversationId: string, userId: string, leftSeq: number): Promise<void> {
  await tx.run(`UPDATE "ConversationMember" SET "leftSeq" = ?, "role" = 'member' WHERE "conversationId" = ? AND "userId" = ?`, [
    leftSeq,
    conversationId,
    userId,
  ]);
}

export async function setRole(tx: Driver, conversationId: string, userId: string, role: GroupRole): Promise<void> {
  await tx.run(`UPDATE "ConversationMember" SET "role" = ? WHERE "conversationId" = ? AND "userId" = ?`, [role, conversationId, userId]);
}

export async function adminCount(tx: Driver, conversationId: string): Promise<number> {
  const row = await tx.get<{ n: number }>(
    `SELECT COUNT(*) AS "n" FROM "ConversationMember" WHERE "conversationId" = ? AND "leftSeq" IS NULL AND "role" = 'admin'`,
    [conversationId],
  );
  return Number(row?.n ?? 0);
}

/** When the last admin is gone, the longest-standing member becomes admin. Returns who, if anyone. */
export async function ensureAdmin(tx: Driver, conversationId: string): Promise<string | null> {
  if ((await adminCount(tx, conversationId)) > 0) return null;
  const next = await tx.get<{ userId: string }>(
    `SELECT "userId" FROM "ConversationMember" WHERE "conversationId" = ? AND "leftSeq" IS NULL ORDER BY "joinedAt", "joinedSeq", "userId" LIMIT 1`,
    [conversationId],
  );
  if (!next) return null;
  await setRole(tx, conversationId, next.userId, "admin");
  return next.userId;
}

export async function updateGroupRow(
  tx: Driver,
  conversationId: string,
  changes: { name?: string; description?: string; onlyAdminsSend?: boolean; onlyAdminsEdit?: boolean; inviteCode?: string | null },
): Promise<void> {
  const entries = Object.entries(changes).filter(([, v]) => v !== undefined);
  if (!entries.length) return;
  const value = (v: unknown) => (typeof v === "boolean" && tx.dialect === "sqlite" ? Number(v) : (v as string | boolean | null));
  await tx.run(`UPDATE "Conversation" SET ${entries.map(([k]) => `"${k}" = ?`).join(", ")} WHERE "id" = ?`, [
    ...entries.map(([, v]) => value(v)),
    conversationId,
  ]);
}

export async function groupByInvite(tx: Driver, code: string): Promise<string | null> {
  const row = await tx.get<{ id: string }>(`SELECT "id" FROM "Conversation" WHERE "inviteCode" = ? AND "kind" = 'group'`, [code]);
  return row?.id ?? null;
}
