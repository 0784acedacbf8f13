// Security alerts: a sign-in from a browser (or API client) this account never used before emails the
// verified address with when, from where and what to do. The very first sign-in of an account (the one
// right after sign-up) is not "new": there is nothing to compare with yet.
import { createHash } from "node:crypto";
import { DEVICE_LIFETIME_S } from "../auth/device-cookie";
import type { AppContext } from "../context";
import { localeOrEnglish } from "../i18n";
import { type EmailTranslator, emailText, renderEmail } from "../mail/content";

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
  const user = await db.user.findUnique({ where: { id: userId }, select: { username: true, email: true, disabledAt: true, locale: true } });
  if (!user?.email || user.disabledAt) return;
  // In the user's language (User.locale).
  const t = emailText(user.locale);
  app.mailer.send({
    kind: "sign-in-alert",
    to: user.email,
    subject: t("signInAlert.subject"),
    ...renderEmail(
      {
        greeting: t("greeting", { username: user.username }),
        lines: [t("signInAlert.intro")],
        rows: [
          t("signInAlert.when", { time: describeTime(at, user.locale) }),
          t("signInAlert.device", { device: describeUserAgent(userAgent, t) }),
          t("signInAlert.ip", { ip }),
        ],
        action: { label: t("openChatterbox"), url: app.env.appUrl },
        footer: [t("signInAlert.ifYou"), t("signInAlert.ifNotYou")],
      },
      user.locale,
    ),
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

/**
 * "Firefox on Windows", from the User-Agent (first match wins: Edge and Opera also say Chrome and Safari),
 * in the language of `t` (English by default).
 */
export function describeUserAgent(userAgent: string | null, t: EmailTranslator = emailText("en")): string {
  if (!userAgent) return t("signInAlert.unknownDevice");
  const browser = BROWSERS.find(([re]) => re.test(userAgent))?.[1];
  const system = SYSTEMS.find(([re]) => re.test(userAgent))?.[1];
  if (browser && system) return t("signInAlert.browserOnSystem", { browser, system });
  if (system) return t("signInAlert.aBrowserOnSystem", { system });
  return browser ?? userAgent.slice(0, 80);
}

/** When the sign-in was, in UTC: as it always was in English ("Mon, 06 Jan 2025 09:30:00 GMT"), else in the language's own way. */
function describeTime(at: Date, locale: string): string {
  const language = localeOrEnglish(locale);
  if (language === "en") return at.toUTCString();
  return new Intl.DateTimeFormat(language, { dateStyle: "full", timeStyle: "long", timeZone: "UTC" }).format(at);
}
