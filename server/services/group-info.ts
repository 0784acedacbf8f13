import type { GroupInfo, MessageInfo } from "../../lib/contracts/groups";
import type { AppContext } from "../context";
import { AppError } from "../errors";
import { readableBy, summarize } from "./conversation-access";
import { visibleUsers } from "./privacy";

/** Users by id, as the viewer may see them. */
async function usersById(app: AppContext, viewerId: string, ids: string[]) {
  return new Map([...(await visibleUsers(app, viewerId, ids))].map(([id, { user }]) => [id, user]));
}

/** Members with roles for anyone in the group (or who was); the invite code only for admins. */
export async function getGroupInfo(app: AppContext, userId: string, conversationId: string): Promise<GroupInfo> {
  const summary = await summarize(app, conversationId, userId);
  if (!summary.group) throw new AppError("bad_request", { key: "errors.groups.notAGroup" });
  const { store } = app;
  // Someone who left or was removed keeps the chat's name but no longer sees who is in it.
  const current = summary.group.myRole !== null;
  const [rows, conversation] = await Promise.all([current ? store.groupMembers(conversationId) : [], store.conversation(conversationId)]);
  const users = await usersById(
    app,
    userId,
    rows.map((r) => r.userId),
  );
  return {
    ...summary.group,
    id: conversationId,
    createdAt: summary.createdAt,
    // Admins first, then by name, as WhatsApp lists them.
    members: rows
      .flatMap((r) => {
        const user = users.get(r.userId);
        return user ? [{ user, role: r.role, joinedAt: r.joinedAt }] : [];
      })
      .sort((a, b) => Number(b.role === "admin") - Number(a.role === "admin") || a.user.displayName.localeCompare(b.user.displayName)),
    inviteCode: summary.group.myRole === "admin" ? (conversation?.inviteCode ?? null) : null,
  };
}

/**
 * Who has my message: each other current member's delivered/read times, derived from their watermarks
 * (the time the watermark last moved, which was at or after it passed this message), paged by user id.
 */
export async function getMessageInfo(
  app: AppContext,
  userId: string,
  conversationId: string,
  seq: number,
  page: { after?: string; limit: number },
): Promise<MessageInfo> {
  const { window } = await readableBy(app, conversationId, userId);
  const { store } = app;
  const [message] = await store.messagesAfter(conversationId, seq - 1, 1, window);
  if (!message || message.seq !== seq) throw new AppError("not_found", { key: "errors.messages.notFound" });
  if (message.senderId !== userId) throw new AppError("forbidden", { key: "errors.messages.infoOwnOnly" });
  const [info, conversation, ticks] = await Promise.all([
    store.messageInfo(conversationId, userId, seq, page.after ?? "", page.limit + 1),
    store.conversation(conversationId),
    store.ticksOf([conversationId]),
  ]);
  const { total, delivered, rows } = info;
  // A direct chat where either person turned read receipts off shows no reads (its ticks say so).
  const readsShown = conversation?.kind === "group" || (ticks.get(conversationId)?.readSeq ?? 0) >= seq;
  const read = readsShown ? info.read : 0;
  const pageRows = rows.slice(0, page.limit);
  const users = await usersById(
    app,
    userId,
    pageRows.map((r) => r.userId),
  );
  return {
    conversationId,
    seq,
    total,
    deliveredCount: delivered,
    readCount: read,
    members: pageRows.flatMap((r) => {
      const user = users.get(r.userId);
      return user
        ? [{ user, deliveredAt: r.deliveredSeq >= seq ? r.deliveredAt : null, readAt: readsShown && r.readSeq >= seq ? r.readAt : null }]
        : [];
    }),
    nextCursor: rows.length > page.limit ? (pageRows.at(-1)?.userId ?? null) : null,
  };
}
