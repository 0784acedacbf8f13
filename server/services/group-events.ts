// Shared by the group use cases: who is acting (names for the timeline), the system message that
// records each change, and what everyone is told afterwards.
import { randomUUID } from "node:crypto";
import type { ChatMessage } from "../../lib/contracts/messaging";
import type { AppContext } from "../context";
import { AppError } from "../errors";
import type { Driver } from "../store/driver";

/** Display names by user id (unknown ids are refused: "User not found"). */
export async function namesOf(app: AppContext, userIds: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(userIds)];
  const users = await app.db.user.findMany({ where: { id: { in: unique } }, select: { id: true, displayName: true } });
  if (users.length !== unique.length) throw new AppError("not_found", { key: "errors.users.notFound" });
  return new Map(users.map((u) => [u.id, u.displayName]));
}

export interface GroupEventResult {
  messages: { message: ChatMessage; memberIds: string[] }[];
  /** Everyone whose view of the group changed: current members plus anyone who just left. */
  notify: string[];
}

/** Appends a system message ("Ana added Ben") in the running transaction. */
export async function recordEvent(
  app: AppContext,
  tx: Driver,
  out: GroupEventResult,
  conversationId: string,
  actorId: string,
  text: string,
): Promise<ChatMessage> {
  const result = await app.store.appendIn(tx, {
    conversationId,
    senderId: actorId,
    clientId: `sys-${randomUUID()}`,
    text,
    type: "system",
  });
  out.messages.push({ message: result.message, memberIds: result.memberIds });
  for (const id of result.memberIds) if (!out.notify.includes(id)) out.notify.push(id);
  return result.message;
}

/** After commit: push the system messages and every affected member's fresh summary. */
export async function announce(app: AppContext, conversationId: string, out: GroupEventResult): Promise<void> {
  const { publisher } = app;
  publisher.membersChanged(conversationId);
  for (const { message, memberIds } of out.messages) publisher.messageCreated(message, memberIds);
  await publisher.conversationUpdated(conversationId, out.notify);
}

export const emptyEvent = (): GroupEventResult => ({ messages: [], notify: [] });
