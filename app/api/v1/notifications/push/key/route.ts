import type { PushKey } from "@/lib/contracts/notifications";
import { ctx } from "@/server/context";
import { authedRoute, reply } from "@/server/http/route";

/** The applicationServerKey a browser subscribes with. */
export const GET = authedRoute(async () =>
  reply("GET /api/v1/notifications/push/key", { publicKey: ctx().push.publicKey } satisfies PushKey),
);
