// Who is calling: a Bearer API token, or the next-auth session cookie. Either way the server-side
// session must still exist.
import { decode } from "next-auth/jwt";
import type { AppContext } from "../context";
import { type ActiveSession, findSession, findSessionByToken } from "./sessions";

export const sessionCookieName = (secure: boolean) => (secure ? "__Secure-next-auth.session-token" : "next-auth.session-token");

export interface Caller extends ActiveSession {
  via: "token" | "cookie";
}

export async function sessionFromCookie(app: AppContext, cookieValue: string | undefined): Promise<ActiveSession | null> {
  if (!cookieValue) return null;
  const jwt = await decode({ token: cookieValue, secret: app.env.authSecret }).catch(() => null);
  return jwt?.sid ? findSession(app, jwt.sid) : null;
}

export async function authenticate(
  app: AppContext,
  authorization: string | null | undefined,
  cookieValue: string | undefined,
): Promise<Caller | null> {
  const bearer = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (bearer) {
    const session = await findSessionByToken(app, bearer);
    return session && { ...session, via: "token" };
  }
  const session = await sessionFromCookie(app, cookieValue);
  return session && { ...session, via: "cookie" };
}
