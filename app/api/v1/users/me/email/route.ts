import { setEmailSchema } from "@/lib/contracts/email";
import { authedRoute, parseJson, reply } from "@/server/http/route";
import { emailSettings, removeEmail, setEmail } from "@/server/services/email-address";

export const GET = authedRoute(async ({ app, caller }) => reply("GET /api/v1/users/me/email", await emailSettings(app, caller.userId)));

/** Adds or changes the address: pending until the link emailed to it is followed. */
export const PUT = authedRoute(async ({ app, req, caller }) => {
  const { email } = await parseJson(req, setEmailSchema);
  return reply("PUT /api/v1/users/me/email", await setEmail(app, caller.userId, email));
});

export const DELETE = authedRoute(async ({ app, caller }) => reply("DELETE /api/v1/users/me/email", await removeEmail(app, caller.userId)));
