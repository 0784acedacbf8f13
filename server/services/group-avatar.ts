// A group's icon: set or removed by whoever may edit the group's info, recorded in the timeline like
// the other group changes, and served to anyone who is or was a member.
import type { GroupInfo } from "../../lib/contracts/groups";
import type { AppContext } from "../context";
import { AppError } from "../errors";
import type { Driver } from "../store/driver";
import { lockGroup, requireActive } from "../store/group-sql";
import { newImageKey, toAvatarImage } from "./avatar-image";
import { requireInfoEditor } from "./change-group";
import { readableBy } from "./conversation-access";
import { announce, emptyEvent, namesOf, recordEvent } from "./group-events";
import { getGroupInfo } from "./group-info";

/**
 * Points the group at another icon (null: none) and deletes the one it replaces, in the running
 * transaction; returns whether there was one.
 */
async function replaceIcon(tx: Driver, conversationId: string, key: string | null): Promise<boolean> {
  const row = await tx.get<{ avatarKey: string | null }>(`SELECT "avatarKey" FROM "Conversation" WHERE "id" = ?`, [conversationId]);
  const previous = row?.avatarKey ?? null;
  await tx.run(`UPDATE "Conversation" SET "avatarKey" = ? WHERE "id" = ?`, [key, conversationId]);
  if (previous) await tx.run(`DELETE FROM "GroupAvatar" WHERE "conversationId" = ? AND "key" = ?`, [conversationId, previous]);
  return previous !== null;
}

/**
 * Runs one icon change in the store's transaction, with the group locked and the actor's right to edit its
 * info checked. A new icon's bytes are already stored under `key`; if the change fails they are deleted again.
 */
async function changeIcon(app: AppContext, actorId: string, conversationId: string, key: string | null): Promise<GroupInfo> {
  const { store, db } = app;
  const actor = (await namesOf(app, [actorId])).get(actorId);
  const change = store.transact(async (tx) => {
    // Built afresh in each attempt: a batch that is retried must not announce rolled-back messages.
    const out = emptyEvent();
    const group = await lockGroup(tx, conversationId);
    requireInfoEditor(group, await requireActive(tx, conversationId, actorId));
    const had = await replaceIcon(tx, conversationId, key);
    if (key) await recordEvent(app, tx, out, conversationId, actorId, `${actor} changed the group icon`);
    else if (had) await recordEvent(app, tx, out, conversationId, actorId, `${actor} removed the group icon`);
    return out;
  });
  const out = await change.catch(async (error: unknown) => {
    if (key) await db.groupAvatar.deleteMany({ where: { conversationId, key } });
    throw error;
  });
  await announce(app, conversationId, out);
  return getGroupInfo(app, actorId, conversationId);
}

/** Sets the group's icon from uploaded image bytes (the same pipeline as avatars: a 256px WebP without metadata). */
export async function setGroupAvatar(app: AppContext, actorId: string, conversationId: string, bytes: Buffer): Promise<GroupInfo> {
  // Strangers get the usual 404 before any image work (the transaction checks current membership again).
  await readableBy(app, conversationId, actorId);
  const data = await toAvatarImage(bytes, "groupIcon");
  const { db } = app;
  // The bytes go in first under a fresh key; the group points at them only once the change commits.
  const key = newImageKey();
  await db.groupAvatar.create({ data: { conversationId, key, data } });
  return changeIcon(app, actorId, conversationId, key);
}

/** Removes the group's icon; without one, nothing changes and nothing is recorded. */
export function removeGroupAvatar(app: AppContext, actorId: string, conversationId: string): Promise<GroupInfo> {
  return changeIcon(app, actorId, conversationId, null);
}

/** The current icon, for anyone who is or was a member (others get the same 404 as for a missing group). */
export async function getGroupAvatar(app: AppContext, userId: string, conversationId: string): Promise<{ data: Uint8Array; key: string }> {
  await readableBy(app, conversationId, userId);
  const { db } = app;
  const group = await db.conversation.findUnique({ where: { id: conversationId }, select: { avatarKey: true } });
  const key = group?.avatarKey;
  const icon = key
    ? await db.groupAvatar.findUnique({ where: { conversationId_key: { conversationId, key } }, select: { data: true } })
    : null;
  if (!key || !icon) throw new AppError("not_found", { key: "errors.groups.noIcon" });
  return { data: icon.data, key };
}
