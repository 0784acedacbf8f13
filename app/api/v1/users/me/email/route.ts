import { setEmailSchema } from "@/lib/contracts/email";
import { authedRoute, parseJson, reply } from "@/server/http/route";
import { emailSettings, removeEmail, setEmail } from "@/server/services/email-address";

export const GET = authedRoute(async ({ caller }) => reply("GET /api/v1/users/me/email", await emailSettings(caller.userId)));

/** Adds or changes the address: pending until the link emailed to it is followed. */
export const PUT = authedRoute(async ({ req, caller }) => {
  const { email } = await parseJson(req, setEmailSchema);
  return reply("PUT /api/v1/users/me/email", await setEmail(caller.userId, email));
});

export const DELETE = authedRoute(async ({ caller }) => reply("DELETE /api/v1/users/me/email", await removeEmail(caller.userId)));
