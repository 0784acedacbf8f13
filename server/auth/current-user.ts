// The signed-in user for server components (pages): the session cookie, checked against the database.
import { cookies } from "next/headers";
import type { Me } from "../../lib/contracts/users";
import type { AppContext } from "../context";
import { getMe } from "../services/profile";
import { sessionCookieName, sessionFromCookie } from "./authenticate";

export async function getCurrentUser(app: AppContext): Promise<Me | null> {
  const cookie = (await cookies()).get(sessionCookieName(app.env.secureCookies))?.value;
  const session = await sessionFromCookie(app, cookie);
  return session ? getMe(app, session.userId).catch(() => null) : null;
}
