// Status updates: posting (idempotent by the client's id), the feed, views, deleting early and the expiry
// sweep. Who sees a status is decided by the poster's privacy settings at the time of each read or push
// (server/services/privacy.ts), so a change of list or a block takes effect at once.
import { randomUUID } from "node:crypto";
import { QUOTE_TEXT_MAX } from "../../lib/contracts/messaging";
import {
  type PostStatus,
  STATUS_BACKGROUNDS,
  STATUS_FONTS,
  STATUS_LIFETIME_MS,
  STATUS_TEXT_MAX,
  type Status,
  type StatusFeed,
  type StatusQuote,
  type StatusRecipients,
  type StatusRemoved,
  type StatusViewed,
  type StatusViewer,
  sortUpdates,
} from "../../lib/contracts/status";
import type { AppContext } from "../context";
import { AppError } from "../errors";
import {
  candidateStatuses,
  expiredStatusIds,
  insertStatus,
  liveStatus,
  recordView,
  removeStatuses,
  statusByClientId,
  statusesOf,
  viewsOf,
} from "../store/status-sql";
import { messageFile } from "./media";
import { checkText } from "./message-text";
import { relations, seesStatus, statusAudience, visibleUsers } from "./privacy";

const notFound = () => new AppError("not_found", { key: "errors.status.notFound" }, { field: "statusId" });

/** Posts a status and pushes it to its audience; a retry with the same client id returns the first one. */
export async function postStatus(
  app: AppContext,
  userId: string,
  input: PostStatus,
  origin?: string,
): Promise<{ status: Status; duplicate: boolean }> {
  const { id, kind, text = "", encrypted } = input;
  checkText(text, kind === "text", { of: "status", max: STATUS_TEXT_MAX });
  const { store, now, publisher } = app;
  const file = await statusFile(app, userId, input);
  const createdAt = now();
  const posted = await store.transact(async (tx) => {
    const earlier = await statusByClientId(tx, userId, id);
    if (earlier) return { status: earlier, duplicate: true };
    const status = {
      id: randomUUID(),
      clientId: id,
      userId,
      kind,
      text,
      background: kind === "text" ? (input.background ?? STATUS_BACKGROUNDS[0]) : null,
      font: kind === "text" ? (input.font ?? STATUS_FONTS[0]) : null,
      ...(file ? { file } : {}),
      ...(encrypted ? { encrypted } : {}),
      createdAt,
      expiresAt: new Date(createdAt.getTime() + STATUS_LIFETIME_MS),
    };
    await insertStatus(tx, status);
    return {
      status: {
        ...status,
        createdAt: status.createdAt.toISOString(),
        expiresAt: status.expiresAt.toISOString(),
        viewed: true,
        viewCount: 0,
      },
      duplicate: false,
    };
  });
  if (!posted.duplicate) publisher.statusPosted(posted.status, await statusAudience(app, userId), origin);
  return posted;
}

/**
 * The file a photo or video status shows, if the poster may use it: for an encrypted status, its
 * ciphertext, uploaded as a photo or video (the kind inside says which; the upload's kind set its size limit).
 */
async function statusFile(app: AppContext, userId: string, { kind, fileId, duration }: PostStatus) {
  if (fileId === undefined) return undefined;
  if (kind === "encrypted") return messageFile(app, userId, null, fileId, undefined, ["image", "video"]);
  return messageFile(app, userId, kind === "text" ? null : kind, fileId, duration);
}

/** Whom my statuses go to now (my device encrypts them for these people's devices). */
export async function myStatusAudience(app: AppContext, userId: string): Promise<StatusRecipients> {
  return { userIds: await statusAudience(app, userId) };
}

/** My statuses, and everyone's whose statuses I may see now (those with one I haven't seen first, then newest first). */
export async function statusFeed(app: AppContext, userId: string): Promise<StatusFeed> {
  const { store, now } = app;
  const at = now();
  const [mine, candidates] = await Promise.all([statusesOf(store.reader, userId, at), candidateStatuses(store.reader, userId, at)]);
  const byOwner = new Map<string, Status[]>();
  for (const s of candidates) byOwner.set(s.userId, [...(byOwner.get(s.userId) ?? []), s]);
  // The posters as I may see them, with how each stands with me: one read for all of them.
  const posters = await visibleUsers(app, userId, [...byOwner.keys()]);
  const updates = [...posters.values()].flatMap(({ user, relation }) => {
    if (!relation || !seesStatus(relation)) return [];
    const statuses = byOwner.get(user.id) as Status[];
    return [{ user, statuses, allViewed: statuses.every((s) => s.viewed) }];
  });
  return { mine, updates: sortUpdates(updates) };
}

/** Someone else's live status that `viewerId` may see now (404 otherwise, as if it didn't exist). */
async function visibleStatus(app: AppContext, viewerId: string, statusId: string): Promise<Status> {
  const { store, now } = app;
  const status = await liveStatus(store.reader, statusId, now());
  if (!status) throw notFound();
  if (status.userId === viewerId) return status;
  const relation = (await relations(app, viewerId, [status.userId])).get(status.userId);
  if (!relation || !seesStatus(relation)) throw notFound();
  return status;
}

/** Records that I saw a status (once; the first time counts) and tells its poster. Viewing my own records nothing. */
export async function viewStatus(app: AppContext, viewerId: string, statusId: string): Promise<StatusViewed> {
  const status = await visibleStatus(app, viewerId, statusId);
  const { store, now, publisher } = app;
  // The viewer as the poster may see them (the poster's own profile, in full, when it is the poster).
  const { user } = (await visibleUsers(app, status.userId, [viewerId])).get(viewerId) as { user: StatusViewed["user"] };
  if (status.userId === viewerId) return { statusId, ownerId: viewerId, user, viewedAt: status.createdAt };
  const { viewedAt, first } = await store.transact((tx) => recordView(tx, statusId, viewerId, now()));
  const viewed = { statusId, ownerId: status.userId, user, viewedAt };
  if (first) publisher.statusViewed(viewed);
  return viewed;
}

/** Who saw my status, latest first (only the poster may ask; anyone else gets 404). */
export async function statusViewers(app: AppContext, userId: string, statusId: string): Promise<StatusViewer[]> {
  const { store, now } = app;
  const status = await liveStatus(store.reader, statusId, now());
  if (!status || status.userId !== userId) throw notFound();
  const views = await viewsOf(store.reader, statusId);
  const users = await visibleUsers(
    app,
    userId,
    views.map((v) => v.viewerId),
  );
  return views.flatMap((v) =>
    users.has(v.viewerId) ? [{ user: (users.get(v.viewerId) as { user: StatusViewer["user"] }).user, viewedAt: v.viewedAt }] : [],
  );
}

/** Deletes my status before it expires, with its views and its media (unless a message or status still carries the file). */
export async function deleteStatus(app: AppContext, userId: string, statusId: string): Promise<StatusRemoved> {
  const { store, now } = app;
  const status = await liveStatus(store.reader, statusId, now());
  if (!status || status.userId !== userId) throw notFound();
  await removeAndTell(app, [statusId]);
  return { userId, statusIds: [statusId] };
}

/** Removes statuses whose 24 hours are over (in batches), their views and files, and tells whoever may hold them. */
export async function removeExpiredStatuses(app: AppContext): Promise<number> {
  const { store, now } = app;
  const BATCH = 500;
  let total = 0;
  for (;;) {
    const ids = await expiredStatusIds(store.reader, now(), BATCH);
    total += await removeAndTell(app, ids);
    if (ids.length < BATCH) return total;
  }
}

/** Removes statuses; the posters' devices, their audiences and those who saw them hear of it; the freed bytes go. */
async function removeAndTell(app: AppContext, statusIds: string[]): Promise<number> {
  const { store, publisher, media, log } = app;
  const { removed, blobs } = await store.transact((tx) => removeStatuses(tx, statusIds));
  const byOwner = new Map<string, { ids: string[]; viewers: Set<string> }>();
  for (const r of removed) {
    const entry = byOwner.get(r.userId) ?? { ids: [], viewers: new Set<string>() };
    entry.ids.push(r.id);
    for (const v of r.viewerIds) entry.viewers.add(v);
    byOwner.set(r.userId, entry);
  }
  for (const [userId, { ids, viewers }] of byOwner)
    publisher.statusRemoved({ userId, statusIds: ids }, [...new Set([userId, ...(await statusAudience(app, userId)), ...viewers])]);
  for (const sha256 of blobs) await media.remove(sha256).catch((err) => log.warn({ err, sha256 }, "could not delete a status's file"));
  return removed.length;
}

/**
 * What a reply to a status quotes: the status, which `senderId` may see and `to` posted (a reply goes to
 * the poster's chat). A copy, so the quote outlives the status.
 */
export async function statusQuote(app: AppContext, senderId: string, statusId: string, to: string): Promise<StatusQuote> {
  const status = await visibleStatus(app, senderId, statusId);
  if (status.userId === senderId) throw new AppError("bad_request", { key: "errors.status.replyToOwn" }, { field: "statusId" });
  if (status.userId !== to) throw new AppError("bad_request", { key: "errors.status.replyToPoster" }, { field: "to" });
  // An encrypted status's kind, words and look are the reply's to carry, inside its own ciphertext.
  return {
    statusId,
    userId: status.userId,
    kind: status.kind,
    text: [...status.text].slice(0, QUOTE_TEXT_MAX).join(""),
    background: status.background,
    font: status.font,
    thumbnail: status.file?.placeholder ?? null,
  };
}
