import { registerSchema } from "@/lib/contracts/auth";
import { json, parseJson, publicRoute } from "@/server/http/route";
import { registerUser } from "@/server/services/register-user";

export const POST = publicRoute(async ({ req, ip }) => json(await registerUser(await parseJson(req, registerSchema), ip), 201));
