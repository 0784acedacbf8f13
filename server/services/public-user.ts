import { avatarUrl, type PublicUser } from "../../lib/contracts/users";

export const publicUserSelect = { id: true, username: true, displayName: true, about: true, avatarKey: true } as const;

export function toPublicUser(u: {
  id: string;
  username: string;
  displayName: string;
  about: string;
  avatarKey: string | null;
}): PublicUser {
  return { id: u.id, username: u.username, displayName: u.displayName, about: u.about, avatarUrl: avatarUrl(u.id, u.avatarKey) };
}

export const searchKeyOf = (username: string, displayName: string) => `${username} ${displayName}`.toLowerCase();
