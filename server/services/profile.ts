import type { FindUsers, Me, PublicUser, UpdateProfile } from "../../lib/contracts/users";
import { ctx } from "../context";
import { AppError } from "../errors";
import { publicUserSelect, searchKeyOf, toPublicUser } from "./public-user";

export async function getUser(userId: string): Promise<PublicUser> {
  const user = await ctx().db.user.findUnique({ where: { id: userId }, select: publicUserSelect });
  if (!user) throw new AppError("not_found", "User not found");
  return toPublicUser(user);
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
  return users.map(toPublicUser);
}
