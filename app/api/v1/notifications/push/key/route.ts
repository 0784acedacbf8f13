import type { PushKey } from "@/lib/contracts/notifications";
import { authedRoute, json } from "@/server/http/route";

/** The applicationServerKey a browser subscribes with. */
export const GET = authedRoute(async ({ app }) => json({ publicKey: app.push.publicKey } satisfies PushKey));
