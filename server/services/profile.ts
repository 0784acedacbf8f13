import type { FindUsers, Me, PublicUser, UpdateProfile } from "../../lib/contracts/users";
import type { AppContext } from "../context";
import { AppError } from "../errors";
import { meRow } from "../store/account-sql";
import { visibleUsers } from "./privacy";
import { publicUserSelect, searchKeyOf, toPublicUser } from "./public-user";

async function userRow(app: AppContext, userId: string) {
  const user = await app.db.user.findUnique({ where: { id: userId }, select: publicUserSelect });
  if (!user) throw new AppError("not_found", { key: "errors.users.notFound" });
  return user;
}

/** A user's whole public profile (for themselves, and for server-side uses). */
export async function getUser(app: AppContext, userId: string): Promise<PublicUser> {
  return toPublicUser(await userRow(app, userId));
}

/** A user's profile as the viewer may see it (their privacy settings may hide the photo and about). */
export async function viewUser(app: AppContext, viewerId: string, userId: string): Promise<PublicUser> {
  const seen = (await visibleUsers(app, viewerId, [userId])).get(userId);
  if (!seen) throw new AppError("not_found", { key: "errors.users.notFound" });
  return seen.user;
}

/** The caller's own profile: what anyone sees, plus whether they are an admin. */
export async function getMe(app: AppContext, userId: string): Promise<Me> {
  const user = await meRow(app.store.reader, userId);
  if (!user) throw new AppError("not_found", { key: "errors.users.notFound" });
  return { ...toPublicUser(user), isAdmin: user.isAdmin };
}

export async function updateProfile(app: AppContext, userId: string, changes: UpdateProfile): Promise<PublicUser> {
  const { db, publisher } = app;
  const current = await db.user.findUnique({ where: { id: userId }, select: { username: true, displayName: true } });
  if (!current) throw new AppError("not_found", { key: "errors.users.notFound" });
  const displayName = changes.displayName ?? current.displayName;
  const user = await db.user.update({
    where: { id: userId },
    data: { ...changes, searchKey: searchKeyOf(current.username, displayName) },
    select: publicUserSelect,
  });
  await publisher.userUpdated(userId);
  return toPublicUser(user);
}

/** Users whose username or display name contains the query (case-insensitive), excluding the caller. */
/**
 * People for "New chat" and the search box, by name or username, never the caller. With a private
 * directory (USER_DIRECTORY, the default) a stranger is found only by their exact username (with or without
 * "@"): otherwise the people I share a chat or a group with; an open directory lists anyone who matches.
 */
export async function findUsers(app: AppContext, callerId: string, { query, limit }: FindUsers): Promise<PublicUser[]> {
  const text = query.replace(/^@/, "").toLowerCase();
  const matches = text ? { searchKey: { contains: text } } : {};
  const known = { memberships: { some: { leftSeq: null, conversation: { members: { some: { userId: callerId, leftSeq: null } } } } } };
  const where = app.env.userDirectory === "open" ? matches : { OR: [{ ...known, ...matches }, ...(text ? [{ usernameKey: text }] : [])] };
  const users = await app.db.user.findMany({
    where: { id: { not: callerId }, ...where },
    select: publicUserSelect,
    orderBy: { displayName: "asc" },
    take: limit,
  });
  const shown = await visibleUsers(
    app,
    callerId,
    users.map((u) => u.id),
  );
  return users.flatMap((u) => shown.get(u.id)?.user ?? []);
}
