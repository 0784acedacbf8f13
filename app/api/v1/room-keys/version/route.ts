import { backupCreateSchema } from "@/lib/contracts/key-backup";
import { authedRoute, parseJson, reply } from "@/server/http/route";
import { createBackup, currentBackup, removeBackup } from "@/server/services/key-backup";

export const GET = authedRoute(async ({ app, caller }) => reply("GET /api/v1/room-keys/version", await currentBackup(app, caller)));

export const POST = authedRoute(async ({ app, req, caller }) =>
  reply("POST /api/v1/room-keys/version", await createBackup(app, caller, await parseJson(req, backupCreateSchema)), 201),
);

export const DELETE = authedRoute(async ({ app, caller }) => {
  await removeBackup(app, caller);
  return reply("DELETE /api/v1/room-keys/version", {});
});
