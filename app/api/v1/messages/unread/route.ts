import { z } from "zod";
import { PAGE_MAX } from "@/lib/contracts/messaging";
import { authedRoute, json } from "@/server/http/route";
import { getUndelivered } from "@/server/services/read-messages";

const querySchema = z.object({ limit: z.coerce.number().int().min(1).max(PAGE_MAX).default(PAGE_MAX) });

export const GET = authedRoute(async ({ app, req, caller }) => {
  const { limit } = querySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  return json({ messages: await getUndelivered(app, caller.userId, limit) });
});
