import { randomBytes } from "node:crypto";
import type { InvitePreview } from "../../lib/contracts/groups";
import type { ConversationSummary } from "../../lib/contracts/messaging";
import type { AppContext } from "../context";
import { AppError } from "../errors";
import { activeCount, addMemberRow, groupByInvite, lockGroup, memberRow, requireAdmin, updateGroupRow } from "../store/group-sql";
import { summarize } from "./conversation-access";
import { announce, emptyEvent, namesOf, recordEvent } from "./group-events";

const invalid = () => new AppError("not_found", { key: "errors.groups.inviteInvalid" });

/** Creates the group's invite link, replacing (and so revoking) any earlier one. */
export async function createInvite(app: AppContext, actorId: string, conversationId: string): Promise<{ code: string }> {
  const code = randomBytes(12).toString("base64url");
  await app.store.transact(async (tx) => {
    await lockGroup(tx, conversationId);
    await requireAdmin(tx, conversationId, actorId, "manageInviteLink");
    await updateGroupRow(tx, conversationId, { inviteCode: code });
  });
  return { code };
}

export async function revokeInvite(app: AppContext, actorId: string, conversationId: string): Promise<void> {
  await app.store.transact(async (tx) => {
    await lockGroup(tx, conversationId);
    await requireAdmin(tx, conversationId, actorId, "manageInviteLink");
    await updateGroupRow(tx, conversationId, { inviteCode: null });
  });
}

export async function previewInvite(app: AppContext, userId: string, code: string): Promise<InvitePreview> {
  const { store } = app;
  const id = await groupByInvite(store.reader, code);
  const group = id ? await store.conversation(id) : undefined;
  if (!id || !group) throw invalid();
  const membership = await store.membership(id, userId);
  return {
    code,
    groupId: id,
    name: group.name ?? "",
    description: group.description,
    memberCount: (await store.memberIds(id)).length,
    member: membership !== null && membership.leftSeq === null,
  };
}

/** Joins through a link (a current member just gets the chat back). */
export async function joinByInvite(app: AppContext, userId: string, code: string): Promise<ConversationSummary> {
  const { store, env } = app;
  const names = await namesOf(app, [userId]);
  let conversationId = "";
  const out = await store.transact(async (tx) => {
    // Built afresh in each attempt: a batch that is retried must not announce rolled-back messages.
    const out = emptyEvent();
    const id = await groupByInvite(tx, code);
    if (!id) throw invalid();
    conversationId = id;
    const group = await lockGroup(tx, id);
    const existing = await memberRow(tx, id, userId);
    if (existing && existing.leftSeq === null) return out;
    if ((await activeCount(tx, id)) >= env.groupMaxMembers)
      throw new AppError("conflict", { key: "errors.groups.full", values: { limit: env.groupMaxMembers } });
    await addMemberRow(tx, id, userId, "member", group.lastSeq, new Date());
    await recordEvent(app, tx, out, id, userId, `${names.get(userId)} joined using this group's invite link`);
    return out;
  });
  await announce(app, conversationId, out);
  return summarize(app, conversationId, userId);
}
