// Admin actions and leaving. Each runs in the store's write transaction with the group row locked, so
// concurrent actions see each other: no duplicate member, never a group without an admin.
import type { GroupInfo, UpdateGroup } from "../../lib/contracts/groups";
import type { AppContext } from "../context";
import { AppError } from "../errors";
import {
  activeCount,
  addMemberRow,
  adminCount,
  ensureAdmin,
  type LockedGroup,
  lockGroup,
  type MemberRow,
  markLeft,
  memberRow,
  requireActive,
  requireAdmin,
  setRole,
  updateGroupRow,
} from "../store/group-sql";
import { announce, emptyEvent, namesOf, recordEvent } from "./group-events";
import { getGroupInfo } from "./group-info";
import { requireGroupAdds } from "./privacy";

const SETTINGS_TEXT = {
  onlyAdminsSend: ["allow all members to send messages", "allow only admins to send messages"],
  onlyAdminsEdit: ["allow all members to edit this group's info", "allow only admins to edit this group's info"],
} as const;

/** The group's info (name, description, icon) is open to every current member, or to admins only while onlyAdminsEdit is on. */
export function requireInfoEditor(group: LockedGroup, me: MemberRow): void {
  if (group.onlyAdminsEdit && me.role !== "admin") throw new AppError("forbidden", { key: "errors.groups.adminsOnly.editInfo" });
}

export async function updateGroup(app: AppContext, actorId: string, conversationId: string, changes: UpdateGroup): Promise<GroupInfo> {
  const names = await namesOf(app, [actorId]);
  const actor = names.get(actorId);
  const out = await app.store.transact(async (tx) => {
    // Built afresh in each attempt: a batch that is retried must not announce rolled-back messages.
    const out = emptyEvent();
    const group = await lockGroup(tx, conversationId);
    const me = await requireActive(tx, conversationId, actorId);
    const settings = changes.onlyAdminsSend !== undefined || changes.onlyAdminsEdit !== undefined;
    if (settings && me.role !== "admin") throw new AppError("forbidden", { key: "errors.groups.adminsOnly.changeSettings" });
    if (changes.name !== undefined || changes.description !== undefined) requireInfoEditor(group, me);
    await updateGroupRow(tx, conversationId, changes);
    if (changes.name !== undefined && changes.name !== group.name)
      await recordEvent(app, tx, out, conversationId, actorId, `${actor} changed the group name to “${changes.name}”`);
    if (changes.description !== undefined)
      await recordEvent(app, tx, out, conversationId, actorId, `${actor} changed the group description`);
    for (const key of ["onlyAdminsSend", "onlyAdminsEdit"] as const) {
      const value = changes[key];
      if (value !== undefined)
        await recordEvent(
          app,
          tx,
          out,
          conversationId,
          actorId,
          `${actor} changed this group's settings to ${SETTINGS_TEXT[key][Number(value)]}`,
        );
    }
    return out;
  });
  await announce(app, conversationId, out);
  return getGroupInfo(app, actorId, conversationId);
}

export async function addMember(app: AppContext, actorId: string, conversationId: string, userId: string): Promise<GroupInfo> {
  const { store, env, limits } = app;
  await limits.groupAdds.take(actorId);
  const names = await namesOf(app, [actorId, userId]);
  await requireGroupAdds(app, actorId, [userId], names, "userId");
  const out = await store.transact(async (tx) => {
    // Built afresh in each attempt: a batch that is retried must not announce rolled-back messages.
    const out = emptyEvent();
    const group = await lockGroup(tx, conversationId);
    await requireAdmin(tx, conversationId, actorId, "addParticipants");
    const existing = await memberRow(tx, conversationId, userId);
    if (existing && existing.leftSeq === null)
      throw new AppError("conflict", { key: "errors.groups.alreadyMember", values: { name: names.get(userId) ?? "" } });
    if ((await activeCount(tx, conversationId)) >= env.groupMaxMembers) {
      throw new AppError("conflict", { key: "errors.groups.full", values: { limit: env.groupMaxMembers } });
    }
    // Joined after everything so far: they see the "added" message and what follows, not the history before.
    await addMemberRow(tx, conversationId, userId, "member", group.lastSeq, new Date());
    await recordEvent(app, tx, out, conversationId, actorId, `${names.get(actorId)} added ${names.get(userId)}`);
    return out;
  });
  await announce(app, conversationId, out);
  return getGroupInfo(app, actorId, conversationId);
}

/** Removes a member (admins), or leaves when actor and user are the same person. */
export async function removeMember(app: AppContext, actorId: string, conversationId: string, userId: string): Promise<void> {
  const names = await namesOf(app, [actorId, userId]);
  const out = await app.store.transact(async (tx) => {
    // Built afresh in each attempt: a batch that is retried must not announce rolled-back messages.
    const out = emptyEvent();
    await lockGroup(tx, conversationId);
    const leaving = actorId === userId;
    if (leaving) await requireActive(tx, conversationId, actorId);
    else await requireAdmin(tx, conversationId, actorId, "removeParticipants");
    const target = await memberRow(tx, conversationId, userId);
    if (!target || target.leftSeq !== null)
      throw new AppError("not_found", { key: "errors.groups.notMember", values: { name: names.get(userId) ?? "" } });
    // The removal notice is the last message they get; it and everything before stay theirs to read.
    const notice = await recordEvent(
      app,
      tx,
      out,
      conversationId,
      actorId,
      leaving ? `${names.get(userId)} left` : `${names.get(actorId)} removed ${names.get(userId)}`,
    );
    await markLeft(tx, conversationId, userId, notice.seq);
    const promoted = await ensureAdmin(tx, conversationId);
    if (promoted)
      await recordEvent(app, tx, out, conversationId, promoted, `${(await namesOf(app, [promoted])).get(promoted)} is now an admin`);
    return out;
  });
  await announce(app, conversationId, out);
}

export async function setAdmin(
  app: AppContext,
  actorId: string,
  conversationId: string,
  userId: string,
  admin: boolean,
): Promise<GroupInfo> {
  const names = await namesOf(app, [actorId, userId]);
  const out = await app.store.transact(async (tx) => {
    // Built afresh in each attempt: a batch that is retried must not announce rolled-back messages.
    const out = emptyEvent();
    await lockGroup(tx, conversationId);
    await requireAdmin(tx, conversationId, actorId, admin ? "makeAdmins" : "dismissAdmins");
    const target = await memberRow(tx, conversationId, userId);
    if (!target || target.leftSeq !== null)
      throw new AppError("not_found", { key: "errors.groups.notMember", values: { name: names.get(userId) ?? "" } });
    if (target.role === (admin ? "admin" : "member")) return out;
    if (!admin && (await adminCount(tx, conversationId)) === 1) throw new AppError("conflict", { key: "errors.groups.needsAdmin" });
    await setRole(tx, conversationId, userId, admin ? "admin" : "member");
    await recordEvent(
      app,
      tx,
      out,
      conversationId,
      actorId,
      admin ? `${names.get(actorId)} made ${names.get(userId)} an admin` : `${names.get(actorId)} dismissed ${names.get(userId)} as admin`,
    );
    return out;
  });
  await announce(app, conversationId, out);
  return getGroupInfo(app, actorId, conversationId);
}
