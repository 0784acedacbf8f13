import { deleteMessageSchema, editMessageSchema, messageRefOf } from "@/lib/contracts/message-actions";
import { authedRoute, parseJson, reply } from "@/server/http/route";
import { deleteForEveryone, deleteForMe, editMessage } from "@/server/services/message-actions";

type Params = { id: string; seq: string };

/** Edits my text message (within the edit window): { text }, or { encrypted } for an encrypted one. */
export const PATCH = authedRoute<Params>(async ({ app, req, params, caller }) =>
  reply(
    "PATCH /api/v1/conversations/:id/messages/:seq",
    await editMessage(app, caller.userId, messageRefOf(params), await parseJson(req, editMessageSchema)),
  ),
);

/** ?for=me hides it on my devices; ?for=everyone replaces it with "This message was deleted" for all. */
export const DELETE = authedRoute<Params>(async ({ app, req, params, caller }) => {
  const scope = deleteMessageSchema.parse({ for: req.nextUrl.searchParams.get("for") ?? undefined }).for;
  const ref = messageRefOf(params);
  return reply(
    "DELETE /api/v1/conversations/:id/messages/:seq",
    scope === "me" ? await deleteForMe(app, caller.userId, ref) : await deleteForEveryone(app, caller.userId, ref),
  );
});
