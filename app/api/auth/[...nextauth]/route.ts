import type { NextRequest } from "next/server";
import NextAuth from "next-auth";
import { authOptions } from "@/server/auth/auth-options";
import { DEVICE_COOKIE, deviceFromCookie, deviceSetCookie, newDeviceId, withDevice } from "@/server/auth/device-cookie";
import { ctx } from "@/server/context";

type Context = { params: Promise<{ nextauth: string[] }> };

/**
 * A browser signing in gets its device cookie (see server/auth/device-cookie.ts): a new one if it had
 * none, else the same one again, so a device that keeps signing in keeps being known.
 */
const handler = async (req: NextRequest, context: Context) => {
  const app = ctx();
  const device = deviceFromCookie(req.cookies.get(DEVICE_COOKIE)?.value) ?? newDeviceId();
  const res: Response = await withDevice(device, () => NextAuth(req, context, authOptions(app)));
  if (req.method === "POST" && req.nextUrl.pathname.endsWith("/callback/credentials")) {
    res.headers.append("Set-Cookie", deviceSetCookie(device, app.env.secureCookies));
  }
  return res;
};

export { handler as GET, handler as POST };
