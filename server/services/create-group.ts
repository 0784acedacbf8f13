import { randomUUID } from "node:crypto";
import type { CreateGroup } from "../../lib/contracts/groups";
import type { ConversationSummary } from "../../lib/contracts/messaging";
import type { AppContext } from "../context";
import { AppError } from "../errors";
import { addMemberRow, insertGroup } from "../store/group-sql";
import { summarize } from "./conversation-access";
import { announce, emptyEvent, namesOf, recordEvent } from "./group-events";
import { requireGroupAdds } from "./privacy";

/** Creates a group with its creator as admin and the participants as members (within the creator's limits on both). */
export async function createGroup(
  app: AppContext,
  creatorId: string,
  { name, description, participants }: CreateGroup,
): Promise<ConversationSummary> {
  const { env, store, limits } = app;
  const others = [...new Set(participants)].filter((id) => id !== creatorId);
  if (others.length + 1 > env.groupMaxMembers) {
    throw new AppError(
      "conflict",
      { key: "errors.groups.full", values: { limit: env.groupMaxMembers } },
      {
        field: "participants",
      },
    );
  }
  await limits.groups.take(creatorId);
  if (others.length) await limits.groupAdds.take(creatorId, others.length);
  const names = await namesOf(app, [creatorId, ...others]);
  await requireGroupAdds(app, creatorId, others, names, "participants");
  const id = randomUUID();
  const out = await store.transact(async (tx) => {
    // Built afresh in each attempt: a batch that is retried must not announce rolled-back messages.
    const out = emptyEvent();
    const at = new Date();
    await insertGroup(tx, { id, name, description, at });
    await addMemberRow(tx, id, creatorId, "admin", 0, at);
    for (const userId of others) await addMemberRow(tx, id, userId, "member", 0, at);
    await recordEvent(app, tx, out, id, creatorId, `${names.get(creatorId)} created group “${name}”`);
    if (others.length)
      await recordEvent(app, tx, out, id, creatorId, `${names.get(creatorId)} added ${others.map((o) => names.get(o)).join(", ")}`);
    return out;
  });
  await announce(app, id, out);
  return summarize(app, id, creatorId);
}
