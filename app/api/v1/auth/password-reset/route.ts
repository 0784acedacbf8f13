import { passwordResetRequestSchema, RESET_REQUESTED } from "@/lib/contracts/email";
import { parseJson, publicRoute, reply } from "@/server/http/route";
import { requestPasswordReset } from "@/server/services/password-reset";

/** Always 202 with the same message (or 429): the link, if any, is sent in the background. */
export const POST = publicRoute(async ({ app, req, ip }) => {
  const { login } = await parseJson(req, passwordResetRequestSchema);
  await requestPasswordReset(app, login, ip);
  return reply("POST /api/v1/auth/password-reset", { message: RESET_REQUESTED }, 202);
});
