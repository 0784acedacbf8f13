import { registerSchema } from "@/lib/contracts/auth";
import { json, parseJson, publicRoute } from "@/server/http/route";
import { registerUser } from "@/server/services/register-user";

export const POST = publicRoute(async ({ app, req, ip }) => json(await registerUser(app, await parseJson(req, registerSchema), ip), 201));
