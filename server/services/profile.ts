import type { FindUsers, Me, PublicUser, UpdateProfile } from "../../lib/contracts/users";
import { ctx } from "../context";
import { AppError } from "../errors";
import { visibleUsers } from "./privacy";
import { publicUserSelect, searchKeyOf, toPublicUser } from "./public-user";

async function userRow(userId: string) {
  const user = await ctx().db.user.findUnique({ where: { id: userId }, select: publicUserSelect });
  if (!user) throw new AppError("not_found", "User not found");
  return user;
}

/** A user's whole public profile (for themselves, and for server-side uses). */
export async function getUser(userId: string): Promise<PublicUser> {
  return toPublicUser(await userRow(userId));
}

/** A user's profile as the viewer may see it (their privacy settings may hide the photo and about). */
export async function viewUser(viewerId: string, userId: string): Promise<PublicUser> {
  const seen = (await visibleUsers(viewerId, [userId])).get(userId);
  if (!seen) throw new AppError("not_found", "User not found");
  return seen.user;
}

/** The caller's own profile: what anyone sees, plus whether they are an admin. */
export async function getMe(userId: string): Promise<Me> {
  const user = await ctx().db.user.findUnique({ where: { id: userId }, select: { ...publicUserSelect, isAdmin: true } });
  if (!user) throw new AppError("not_found", "User not found");
  return { ...toPublicUser(user), isAdmin: user.isAdmin };
}

export async function updateProfile(userId: string, changes: UpdateProfile): Promise<PublicUser> {
  const { db, publisher } = ctx();
  const current = await db.user.findUnique({ where: { id: userId }, select: { username: true, displayName: true } });
  if (!current) throw new AppError("not_found", "User not found");
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
export async function findUsers(callerId: string, { query, limit }: FindUsers): Promise<PublicUser[]> {
  const users = await ctx().db.user.findMany({
    where: { id: { not: callerId }, ...(query ? { searchKey: { contains: query.toLowerCase() } } : {}) },
    select: publicUserSelect,
    orderBy: { displayName: "asc" },
    take: limit,
  });
  const shown = await visibleUsers(
    callerId,
    users.map((u) => u.id),
  );
  return users.flatMap((u) => shown.get(u.id)?.user ?? []);
}
