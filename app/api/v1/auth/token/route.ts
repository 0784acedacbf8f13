import { credentialsSchema, type TokenResponse } from "@/lib/contracts/auth";
import { DEVICE_COOKIE, deviceFromCookie, deviceSetCookie, newDeviceId } from "@/server/auth/device-cookie";
import { createApiToken, revokeSessions } from "@/server/auth/sessions";
import { authedRoute, parseJson, publicRoute, reply } from "@/server/http/route";
import { noteSignIn } from "@/server/services/sign-in-alerts";
import { verifyCredentials } from "@/server/services/verify-credentials";

/**
 * Exchanges a username and password for an API token (Authorization: Bearer <token>). The answer sets
 * the device cookie; a client that sends it back is recognised as a known device (no sign-in alert).
 */
export const POST = publicRoute(async ({ app, req, ip }) => {
  const sent = deviceFromCookie(req.cookies.get(DEVICE_COOKIE)?.value);
  const userId = await verifyCredentials(app, { ...(await parseJson(req, credentialsSchema)), ip, device: sent });
  const userAgent = req.headers.get("user-agent");
  const { token, expiresAt } = await createApiToken(app, userId, userAgent);
  const device = sent ?? newDeviceId();
  noteSignIn(app, { userId, device, userAgent, ip });
  const body: TokenResponse = { token, expiresAt: expiresAt.toISOString() };
  const res = reply("POST /api/v1/auth/token", body);
  res.headers.append("Set-Cookie", deviceSetCookie(device, app.env.secureCookies));
  return res;
});

/** Revokes the session the request is authenticated with. */
export const DELETE = authedRoute(async ({ app, caller }) => {
  await revokeSessions(app, { sessionId: caller.sessionId });
  return new Response(null, { status: 204 });
});
