// next-auth (credentials provider, JWT sessions). The JWT carries only the server-side session id
// ("sid"); every request and socket checks that id against the Session table, so sessions are revocable.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { credentialsSchema } from "../../lib/contracts/auth";
import type { AppContext } from "../context";
import { isAppError } from "../errors";
import { noteSignIn } from "../services/sign-in-alerts";
import { verifyCredentials } from "../services/verify-credentials";
import { CLIENT_IP_HEADER } from "./client-ip";
import { currentDevice } from "./device-cookie";
import { createWebSession, revokeSessions } from "./sessions";

declare module "next-auth" {
  interface User {
    sid: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    sid?: string;
  }
}

export function authOptions(app: AppContext): NextAuthOptions {
  const { env } = app;
  return {
    secret: env.authSecret,
    session: { strategy: "jwt", maxAge: env.sessionMaxAgeSeconds },
    useSecureCookies: env.secureCookies,
    pages: { signIn: "/sign-in" },
    providers: [
      CredentialsProvider({
        credentials: { username: { label: "Username", type: "text" }, password: { label: "Password", type: "password" } },
        async authorize(raw, req) {
          const parsed = credentialsSchema.safeParse(raw);
          if (!parsed.success) throw new Error(parsed.error.issues[0].message);
          const header = (name: string) => {
            const v = req.headers?.[name];
            return Array.isArray(v) ? v[0] : v;
          };
          try {
            const ip = header(CLIENT_IP_HEADER) ?? "unknown";
            const device = currentDevice();
            const userId = await verifyCredentials(app, { ...parsed.data, ip, device });
            const { sessionId } = await createWebSession(app, userId, header("user-agent"));
            if (device) noteSignIn(app, { userId, device, userAgent: header("user-agent") ?? null, ip });
            return { id: userId, sid: sessionId };
          } catch (error) {
            // next-auth hands the message to the sign-in form as `error`: the whole body, so the form can
            // say it in its reader's language by its key.
            if (isAppError(error)) throw new Error(JSON.stringify(error.toBody()));
            throw error;
          }
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) token.sid = user.sid;
        return token;
      },
    },
    events: {
      async signOut({ token }) {
        if (token?.sid) await revokeSessions(app, { sessionId: token.sid });
      },
    },
  };
}
