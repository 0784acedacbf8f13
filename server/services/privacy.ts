// The privacy rules, in one place: who sees whose last seen and online, profile photo, about and status
// updates, who may add whom to groups, and what a block stops. Every read of another user's profile or
// presence goes through here, on both transports.

import type { PresenceState } from "../../lib/contracts/messaging";
import type { BlockedContact, BlockState, PrivacySettings, UpdatePrivacy, Visibility } from "../../lib/contracts/privacy";
import type { PublicUser } from "../../lib/contracts/users";
import type { AppContext, ReadContext } from "../context";
import { AppError } from "../errors";
import { userRows } from "../store/account-sql";
import { toDbTime } from "../store/driver";
import { blockedBy, contactIds, peerIds, privacyOf, type Relation, relationsOf, writePrivacy } from "../store/privacy-sql";
import { toPublicUser } from "./public-user";

const shares = (setting: Visibility, isContact: boolean) => setting === "everyone" || (setting === "contacts" && isContact);

/** Whether the viewer may see the owner's profile photo or about. */
export const seesProfile = (r: Relation, field: "photo" | "about") => !r.ownerBlocksViewer && shares(r.owner[field], r.viewerIsContact);

/**
 * Whether the viewer may see the owner's last seen and online: the owner shares it with the viewer, the
 * viewer shares theirs with the owner (reciprocity), neither blocked the other, and the viewer's chat
 * with the owner isn't a request the owner hasn't accepted.
 */
export const seesPresence = (r: Relation, viewer: Pick<PrivacySettings, "lastSeen">) =>
  !r.ownerBlocksViewer &&
  !r.viewerBlocksOwner &&
  !r.requestPending &&
  shares(r.owner.lastSeen, r.viewerIsContact) &&
  shares(viewer.lastSeen, r.ownerIsContact);

/** Whether the viewer may see the owner's status updates. */
export const seesStatus = (r: Relation) =>
  !r.ownerBlocksViewer &&
  (r.owner.status === "only" ? r.statusListed : r.viewerIsContact && !(r.owner.status === "except" && r.statusListed));

/** Whether the viewer may add the owner to a group. */
export const mayAddToGroups = (r: Relation) => !r.ownerBlocksViewer && (r.owner.groups === "everyone" || r.viewerIsContact);

/**
 * Refuses adding to a group anyone whose settings don't let the actor add them (which is also all a
 * blocked actor is told), or whom the actor blocked.
 */
export async function requireGroupAdds(
  app: AppContext,
  actorId: string,
  userIds: string[],
  names: Map<string, string>,
  field?: string,
): Promise<void> {
  const related = await relations(app, actorId, userIds);
  const refused = (test: (r: Relation) => boolean) =>
    userIds.filter((id) => related.has(id) && test(related.get(id) as Relation)).map((id) => names.get(id) ?? "Someone");
  const blocked = refused((r) => r.viewerBlocksOwner);
  if (blocked.length)
    throw new AppError(
      "forbidden",
      { key: "errors.groups.addBlocked", values: { names: blocked.join(", "), count: blocked.length } },
      { field },
    );
  const closed = refused((r) => !mayAddToGroups(r));
  if (closed.length)
    throw new AppError(
      "forbidden",
      { key: "errors.groups.addNotAllowed", values: { names: closed.join(", "), count: closed.length } },
      { field },
    );
}

/** How each of these users stands with the viewer (the viewer themselves is left out: they see everything of their own). */
export function relations(app: ReadContext, viewerId: string, ownerIds: string[]): Promise<Map<string, Relation>> {
  return relationsOf(
    app.store.reader,
    viewerId,
    ownerIds.filter((id) => id !== viewerId),
  );
}

/** A profile as this viewer may see it: without the photo or about the owner doesn't share with them. */
export function maskProfile(user: PublicUser, relation: Relation | undefined): PublicUser {
  if (!relation) return user;
  return {
    ...user,
    about: seesProfile(relation, "about") ? user.about : "",
    avatarUrl: seesProfile(relation, "photo") ? user.avatarUrl : null,
  };
}

/**
 * The profiles of those of these users who exist, as the viewer may see them (the viewer's own in full),
 * each with how it stands with the viewer: one read however many.
 */
export async function visibleUsers(
  app: ReadContext,
  viewerId: string,
  ids: string[],
): Promise<Map<string, { user: PublicUser; relation?: Relation }>> {
  const related = await relationsOf(app.store.reader, viewerId, ids);
  return new Map(
    [...related.values()].map((relation) =>
      relation.ownerId === viewerId
        ? [viewerId, { user: toPublicUser(relation.user) }]
        : [relation.ownerId, { user: maskProfile(toPublicUser(relation.user), relation), relation }],
    ),
  );
}

/**
 * Who hears of a user's profile changes, and as what: the user themselves, their contacts, those they
 * blocked, and the others they share a conversation with, each kind as it may see the profile. Nobody
 * else: a stranger who looks the user up reads it then, and isn't told who changed their name.
 */
export async function profileAudiences(app: ReadContext, userId: string): Promise<{ ids: string[]; user: PublicUser }[]> {
  const { reader } = app.store;
  const [[row], settings, contacts, blocks, peers] = await Promise.all([
    userRows(reader, [userId]),
    privacyOf(reader, userId),
    contactIds(reader, userId),
    blockedBy(reader, userId),
    peerIds(reader, userId),
  ]);
  if (!row || !settings) throw new AppError("not_found", { key: "errors.users.notFound" });
  const user = toPublicUser(row);
  const blocked = new Set(blocks.map((b) => b.userId));
  const contactSet = new Set(contacts);
  const as = (isContact: boolean, isBlocked: boolean): PublicUser => ({
    ...user,
    about: !isBlocked && shares(settings.about, isContact) ? user.about : "",
    avatarUrl: !isBlocked && shares(settings.photo, isContact) ? user.avatarUrl : null,
  });
  return [
    { ids: [userId], user },
    { ids: contacts.filter((id) => !blocked.has(id)), user: as(true, false) },
    { ids: peers.filter((id) => blocked.has(id)), user: as(false, true) },
    { ids: peers.filter((id) => !blocked.has(id) && !contactSet.has(id)), user: as(false, false) },
  ];
}

/** Everyone who may see the user's status updates now (see seesStatus). */
export async function statusAudience(app: ReadContext, ownerId: string): Promise<string[]> {
  const { reader } = app.store;
  const [settings, contacts, blocks] = await Promise.all([
    privacyOf(reader, ownerId),
    contactIds(reader, ownerId),
    blockedBy(reader, ownerId),
  ]);
  if (!settings) return [];
  const blocked = new Set(blocks.map((b) => b.userId));
  const except = new Set(settings.status === "except" ? settings.statusExcept : []);
  const ids = settings.status === "only" ? settings.statusOnly : contacts.filter((id) => !except.has(id));
  return ids.filter((id) => !blocked.has(id));
}

/** Presence as the viewer may see it: hidden (offline, no last seen) unless they may. */
export function maskPresence(state: PresenceState, visible: boolean): PresenceState {
  return visible ? state : { userId: state.userId, online: false, lastSeenAt: null };
}

/** Of these users, those whose presence the viewer may see. */
export async function presenceVisibleTo(app: ReadContext, viewerId: string, ownerIds: string[]): Promise<string[]> {
  const others = ownerIds.filter((id) => id !== viewerId);
  if (!others.length) return ownerIds.filter((id) => id === viewerId);
  const [viewer, related] = await Promise.all([myPrivacy(app, viewerId), relations(app, viewerId, others)]);
  return ownerIds.filter((id) => id === viewerId || (related.has(id) && seesPresence(related.get(id) as Relation, viewer)));
}

export async function myPrivacy(app: ReadContext, userId: string): Promise<PrivacySettings> {
  const settings = await privacyOf(app.store.reader, userId);
  if (!settings) throw new AppError("not_found", { key: "errors.users.notFound" });
  return settings;
}

/** Changes my settings; everyone whose view of me (or mine of them) changed hears of it. */
export async function updatePrivacy(app: AppContext, userId: string, changes: UpdatePrivacy): Promise<PrivacySettings> {
  const { store, publisher } = app;
  // Relaying every call needs a relay: without one, no call of mine could connect.
  if (changes.relayCalls && !app.env.ice.turn)
    throw new AppError(
      "bad_request",
      { key: "errors.privacy.noRelay" },
      {
        field: "relayCalls",
      },
    );
  await store.transact((tx) => writePrivacy(tx, userId, changes));
  const settings = await myPrivacy(app, userId);
  if (changes.lastSeen || changes.photo || changes.about) await publisher.privacyChanged(userId);
  if (changes.readReceipts !== undefined)
    for (const [conversationId, memberIds] of await directChatsOf(app, userId))
      await publisher.conversationUpdated(conversationId, memberIds);
  return settings;
}

/** My direct chats with the members of each (the ticks of all of them change with my read receipts setting). */
async function directChatsOf(app: ReadContext, userId: string): Promise<[string, string[]][]> {
  const rows = await app.store.reader.all<{ conversationId: string; userId: string }>(
    `SELECT o."conversationId", o."userId" FROM "ConversationMember" m JOIN "Conversation" c ON c."id" = m."conversationId" AND c."kind" = 'direct' JOIN "ConversationMember" o ON o."conversationId" = m."conversationId" WHERE m."userId" = ?`,
    [userId],
  );
  const chats = new Map<string, string[]>();
  for (const r of rows) chats.set(r.conversationId, [...(chats.get(r.conversationId) ?? []), r.userId]);
  return [...chats];
}

export async function blockedContacts(app: ReadContext, userId: string): Promise<BlockedContact[]> {
  const blocks = await blockedBy(app.store.reader, userId);
  const shown = await visibleUsers(
    app,
    userId,
    blocks.map((b) => b.userId),
  );
  return blocks.flatMap((b) => {
    const seen = shown.get(b.userId);
    return seen ? [{ user: seen.user, blockedAt: b.blockedAt }] : [];
  });
}

/** Blocks or unblocks a user (idempotent). */
export async function setBlocked(app: AppContext, userId: string, otherId: string, blocked: boolean): Promise<BlockState> {
  if (userId === otherId) throw new AppError("bad_request", { key: "errors.privacy.blockYourself" }, { field: "userId" });
  const { store, db, publisher, now } = app;
  if (!(await db.user.findUnique({ where: { id: otherId }, select: { id: true } })))
    throw new AppError("not_found", { key: "errors.users.notFound" });
  await store.transact(async (tx) => {
    if (!blocked) return tx.run(`DELETE FROM "Block" WHERE "userId" = ? AND "blockedId" = ?`, [userId, otherId]);
    const exists = await tx.get(`SELECT 1 AS "x" FROM "Block" WHERE "userId" = ? AND "blockedId" = ?`, [userId, otherId]);
    if (!exists)
      await tx.run(`INSERT INTO "Block" ("userId", "blockedId", "createdAt") VALUES (?, ?, ?)`, [
        userId,
        otherId,
        toDbTime(tx.dialect, now()),
      ]);
  });
  await publisher.relationChanged(userId, otherId);
  return { userId: otherId, blocked };
}
