import { randomUUID } from "node:crypto";
import type { ConversationSummary } from "../../lib/contracts/messaging";
import { ctx } from "../context";
import { AppError } from "../errors";
import { directKeyOf } from "../store/privacy-sql";
import { summarize } from "./conversation-access";

/** The id of the one direct conversation between two users, created on first use. */
export async function directConversationId(userId: string, otherUserId: string, field = "to"): Promise<string> {
  if (userId === otherUserId) throw new AppError("bad_request", "You can't start a chat with yourself", { field });
  const { db } = ctx();
  const directKey = directKeyOf(userId, otherUserId);
  const found = await db.conversation.findUnique({ where: { directKey }, select: { id: true } });
  if (found) return found.id;
  if (!(await db.user.findUnique({ where: { id: otherUserId }, select: { id: true } }))) throw new AppError("not_found", "User not found");
  try {
    const created = await db.conversation.create({
      data: { id: randomUUID(), kind: "direct", directKey, members: { create: [{ userId }, { userId: otherUserId }] } },
      select: { id: true },
    });
    return created.id;
  } catch (error) {
    // Both people opened the chat at once: the unique directKey lets one create it; use that one.
    if ((error as { code?: string }).code !== "P2002") throw error;
    return (await db.conversation.findUniqueOrThrow({ where: { directKey }, select: { id: true } })).id;
  }
}

export async function openDirectConversation(userId: string, otherUserId: string): Promise<ConversationSummary> {
  return summarize(await directConversationId(userId, otherUserId, "userId"), userId);
}
