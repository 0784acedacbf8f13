// Security alerts: a sign-in from a browser (or API client) this account never used before emails the
// verified address with when, from where and what to do. The very first sign-in of an account (the one
// right after sign-up) is not "new": there is nothing to compare with yet.
import { createHash } from "node:crypto";
import { DEVICE_LIFETIME_S } from "../auth/device-cookie";
import type { AppContext } from "../context";
import { renderEmail } from "../mail/content";

export interface SignIn {
  userId: string;
  /** The cbx_device cookie's value (see server/auth/device-cookie.ts). */
  device: string;
  userAgent: string | null;
  ip: string;
}

/** Records the device and sends the alert if it is new. Runs after the sign-in answered: never slows it. */
export function noteSignIn(app: AppContext, signIn: SignIn): void {
  const { log } = app;
  void recordDevice(app, signIn).catch((err) => log.error({ err }, "sign-in device not recorded"));
}

const hashOf = (device: string) => createHash("sha256").update(device).digest("hex");

/** Whether this account signed in from this device before (and the device wasn't forgotten since). */
export async function isKnownDevice(app: AppContext, userId: string, device: string): Promise<boolean> {
  return (await app.db.knownDevice.count({ where: { userId, deviceHash: hashOf(device) } })) > 0;
}

async function recordDevice(app: AppContext, { userId, device, userAgent, ip }: SignIn): Promise<void> {
  const { db, now } = app;
  const deviceHash = hashOf(device);
  const at = now();
  const { count } = await db.knownDevice.updateMany({ where: { userId, deviceHash }, data: { lastSeenAt: at } });
  if (count > 0) return;
  const before = await db.knownDevice.count({ where: { userId } });
  try {
    await db.knownDevice.create({ data: { userId, deviceHash, createdAt: at, lastSeenAt: at } });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") return; // the same device signed in twice at once
    throw error;
  }
  if (before === 0) return;
  const user = await db.user.findUnique({ where: { id: userId }, select: { username: true, email: true, disabledAt: true } });
  if (!user?.email || user.disabledAt) return;
  app.mailer.send({
    kind: "sign-in-alert",
    to: user.email,
    subject: "New sign-in to your Chatterbox account",
    ...renderEmail({
      greeting: `Hello ${user.username},`,
      lines: ["Your Chatterbox account was just signed in to from a device it hadn't been used on before:"],
      rows: [`When: ${at.toUTCString()}`, `Device: ${describeUserAgent(userAgent)}`, `IP address: ${ip}`],
      action: { label: "Open Chatterbox", url: app.env.appUrl },
      footer: [
        "If this was you, there's nothing to do.",
        "If it wasn't, someone knows your password: reset it now (Forgot password? on the sign-in page). That signs out every device.",
      ],
    }),
  });
}

/** Devices unseen for longer than their cookie lives can't come back as known: the hourly sweep forgets them. */
export async function forgetStaleDevices(app: AppContext): Promise<number> {
  const { db, now } = app;
  const { count } = await db.knownDevice.deleteMany({
    where: { lastSeenAt: { lt: new Date(now().getTime() - DEVICE_LIFETIME_S * 1000) } },
  });
  return count;
}

const BROWSERS: [RegExp, string][] = [
  [/Edg(e|A|iOS)?\//, "Edge"],
  [/OPR\/|Opera/, "Opera"],
  [/Firefox\/|FxiOS\//, "Firefox"],
  [/Chrom(e|ium)\/|CriOS\//, "Chrome"],
  [/Safari\//, "Safari"],
];
const SYSTEMS: [RegExp, string][] = [
  [/Windows/, "Windows"],
  [/iPhone|iPad|iPod/, "iOS"],
  [/Android/, "Android"],
  [/Mac OS X|Macintosh/, "macOS"],
  [/CrOS/, "ChromeOS"],
  [/Linux/, "Linux"],
];

/** "Firefox on Windows", from the User-Agent (first match wins: Edge and Opera also say Chrome and Safari). */
export function describeUserAgent(userAgent: string | null): string {
  if (!userAgent) return "an unknown device";
  const browser = BROWSERS.find(([re]) => re.test(userAgent))?.[1];
  const system = SYSTEMS.find(([re]) => re.test(userAgent))?.[1];
  if (!browser && !system) return userAgent.slice(0, 80);
  return [browser ?? "A browser", system].filter(Boolean).join(" on ");
}
