import { registerSchema } from "@/lib/contracts/auth";
import { parseJson, publicRoute, reply } from "@/server/http/route";
import { registerUser } from "@/server/services/register-user";

export const POST = publicRoute(async ({ app, req, ip }) =>
  reply("POST /api/v1/auth/register", await registerUser(app, await parseJson(req, registerSchema), ip), 201),
);
