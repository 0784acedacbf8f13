import type { PushKey } from "@/lib/contracts/notifications";
import { ctx } from "@/server/context";
import { authedRoute, json } from "@/server/http/route";

/** The applicationServerKey a browser subscribes with. */
export const GET = authedRoute(async () => json({ publicKey: ctx().push.publicKey } satisfies PushKey));
