import { passwordResetSchema } from "@/lib/contracts/email";
import { parseJson, publicRoute } from "@/server/http/route";
import { resetPassword } from "@/server/services/password-reset";

/** Sets the new password from a reset link's token; every session of the account is signed out. */
export const POST = publicRoute(async ({ app, req }) => {
  await resetPassword(app, await parseJson(req, passwordResetSchema));
  return new Response(null, { status: 204 });
});
