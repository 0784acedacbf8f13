import type { PushKey } from "@/lib/contracts/notifications";
import { authedRoute, reply } from "@/server/http/route";

/** The applicationServerKey a browser subscribes with. */
export const GET = authedRoute(async ({ app }) =>
  reply("GET /api/v1/notifications/push/key", { publicKey: app.push.publicKey } satisfies PushKey),
);
