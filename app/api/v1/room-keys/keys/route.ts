import { BACKUP_KEYS_BODY_MAX, backupKeysQuerySchema, backupKeysSchema } from "@/lib/contracts/key-backup";
import { authedRoute, parseJson, reply } from "@/server/http/route";
import { addBackupKeys, readBackupKeys } from "@/server/services/key-backup";

export const GET = authedRoute(async ({ app, req, caller }) => {
  const { version, after } = backupKeysQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  return reply("GET /api/v1/room-keys/keys", await readBackupKeys(app, caller, version, after));
});

export const PUT = authedRoute(async ({ app, req, caller }) => {
  const { version } = backupKeysQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  const body = await parseJson(req, backupKeysSchema, BACKUP_KEYS_BODY_MAX);
  return reply("PUT /api/v1/room-keys/keys", await addBackupKeys(app, caller, version, body));
});
