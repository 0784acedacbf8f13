import { randomUUID } from "node:crypto";
import type { ConversationSummary } from "../../lib/contracts/messaging";
import type { AppContext, ReadContext } from "../context";
import { AppError } from "../errors";
import { acceptRequests } from "../store/message-store";
import { directKeyOf } from "../store/privacy-sql";
import { readableBy, summarize } from "./conversation-access";

/** The id of the one direct conversation between two users, created on first use. */
export async function directConversationId(app: AppContext, userId: string, otherUserId: string, field = "to"): Promise<string> {
  if (userId === otherUserId) throw new AppError("bad_request", { key: "errors.chats.withYourself" }, { field });
  const found = await existingDirectConversationId(app, userId, otherUserId);
  if (found) return found;
  const { db, store } = app;
  const directKey = directKeyOf(userId, otherUserId);
  if (!(await db.user.findUnique({ where: { id: otherUserId }, select: { id: true } })))
    throw new AppError("not_found", { key: "errors.users.notFound" });
  // Someone the other person shares no group with starts a message request (see ConversationMember.request).
  // Sharing a group only spares the request: neither member has consented (ConversationMember.accepted)
  // until they open the chat themselves, accept it or send in it.
  const request = !(await store.peersAmong(userId, [otherUserId])).length;
  try {
    const created = await db.conversation.create({
      data: { id: randomUUID(), kind: "direct", directKey, members: { create: [{ userId }, { userId: otherUserId, request }] } },
      select: { id: true },
    });
    return created.id;
  } catch (error) {
    // Both people opened the chat at once: the unique directKey lets one create it; use that one.
    if ((error as { code?: string }).code !== "P2002") throw error;
    return (await db.conversation.findUniqueOrThrow({ where: { directKey }, select: { id: true } })).id;
  }
}

/** The direct conversation between two users, if they have one. */
export async function existingDirectConversationId(app: ReadContext, userId: string, otherUserId: string): Promise<string | null> {
  const found = await app.db.conversation.findUnique({ where: { directKey: directKeyOf(userId, otherUserId) }, select: { id: true } });
  return found?.id ?? null;
}

/** Opens the chat with someone on purpose: consent to it, which accepts their message request if there was one. */
export async function openDirectConversation(app: AppContext, userId: string, otherUserId: string): Promise<ConversationSummary> {
  return acceptRequest(app, userId, await directConversationId(app, userId, otherUserId, "userId"));
}

/**
 * Records my consent to a direct chat (nothing to do if I gave it already, or in a group), accepting it
 * if it was a message request: the other person is now my contact, gets my receipts and, as my settings
 * allow, my presence, photo, about and status updates. Returns the chat as I see it.
 */
export async function acceptRequest(app: AppContext, userId: string, conversationId: string): Promise<ConversationSummary> {
  const { store, publisher } = app;
  const { membership } = await readableBy(app, conversationId, userId);
  if (!membership.accepted && (await store.conversation(conversationId))?.kind === "direct") {
    await store.transact((tx) => acceptRequests(tx, [[conversationId, userId]]));
    const other = (await store.memberIds(conversationId)).find((id) => id !== userId);
    if (other) await publisher.relationChanged(userId, other);
  }
  return summarize(app, conversationId, userId);
}
