import { credentialsSchema, type TokenResponse } from "@/lib/contracts/auth";
import { createApiToken, revokeSessions } from "@/server/auth/sessions";
import { authedRoute, json, parseJson, publicRoute } from "@/server/http/route";
import { verifyCredentials } from "@/server/services/verify-credentials";

/** Exchanges a username and password for an API token (Authorization: Bearer <token>). */
export const POST = publicRoute(async ({ req, ip }) => {
  const userId = await verifyCredentials({ ...(await parseJson(req, credentialsSchema)), ip });
  const { token, expiresAt } = await createApiToken(userId, req.headers.get("user-agent"));
  const body: TokenResponse = { token, expiresAt: expiresAt.toISOString() };
  return json(body);
});

/** Revokes the session the request is authenticated with. */
export const DELETE = authedRoute(async ({ caller }) => {
  await revokeSessions({ sessionId: caller.sessionId });
  return new Response(null, { status: 204 });
});
