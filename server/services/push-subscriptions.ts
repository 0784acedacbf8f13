// Each device's push subscription and each user's notification settings. A subscription belongs to the
// session that registered it (one per device), so signing out, a revoked session or a disabled account
// deletes it with the session.

import { createECDH } from "node:crypto";
import type { NotificationSettings, PushSubscriptionInput, UpdateNotificationSettings } from "../../lib/contracts/notifications";
import type { ActiveSession } from "../auth/sessions";
import type { AppContext } from "../context";
import { AppError } from "../errors";
import { localeOrEnglish } from "../i18n";
import { endpointProblem } from "../push/endpoint-hosts";

/** A point on P-256, which the payload can be encrypted for (the length was checked by the contract). */
function isP256Point(p256dh: string): boolean {
  try {
    const ecdh = createECDH("prime256v1");
    ecdh.generateKeys();
    ecdh.computeSecret(Buffer.from(p256dh, "base64url"));
    return true;
  } catch {
    return false;
  }
}

/**
 * Stores the subscription for the caller's device, replacing the device's previous one. An endpoint
 * already registered by another of the user's devices moves here (the browser kept its subscription
 * across a sign-out and sign-in). One registered by another account's device that is still signed in
 * is refused (409): it would receive that account's notifications. Once that device signs out its
 * subscription is gone with its session, and the endpoint can be registered again.
 */
export async function subscribePush(app: AppContext, caller: ActiveSession, input: PushSubscriptionInput): Promise<void> {
  const { db, env } = app;
  const problem = endpointProblem(input.endpoint, env.pushServiceHosts);
  if (problem) throw new AppError("bad_request", problem, { field: "endpoint" });
  if (!isP256Point(input.keys.p256dh)) throw new AppError("bad_request", { key: "errors.push.badP256dh" }, { field: "keys.p256dh" });
  const refused = () =>
    new AppError(
      "conflict",
      { key: "errors.push.otherAccount" },
      {
        field: "endpoint",
      },
    );
  const holder = await db.pushSubscription.findUnique({ where: { endpoint: input.endpoint }, select: { userId: true } });
  if (holder && holder.userId !== caller.userId) throw refused();
  const row = {
    userId: caller.userId,
    endpoint: input.endpoint,
    p256dh: input.keys.p256dh,
    auth: input.keys.auth,
    locale: input.locale ?? "en",
  };
  try {
    await db.$transaction([
      db.pushSubscription.deleteMany({ where: { endpoint: input.endpoint, userId: caller.userId, NOT: { sessionId: caller.sessionId } } }),
      db.pushSubscription.upsert({ where: { sessionId: caller.sessionId }, create: { sessionId: caller.sessionId, ...row }, update: row }),
    ]);
  } catch (error) {
    // Another account registered the endpoint meanwhile.
    if ((error as { code?: string }).code === "P2002") throw refused();
    throw error;
  }
}

/** Stops push notifications to the caller's device; true when it had a subscription. */
export async function unsubscribePush(app: AppContext, sessionId: string): Promise<boolean> {
  const { count } = await app.db.pushSubscription.deleteMany({ where: { sessionId } });
  return count > 0;
}

export async function notificationSettings(app: AppContext, caller: ActiveSession): Promise<NotificationSettings> {
  const { db } = app;
  const [user, device] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: caller.userId }, select: { pushPreviews: true, pushSounds: true, locale: true } }),
    db.pushSubscription.findUnique({ where: { sessionId: caller.sessionId }, select: { sessionId: true } }),
  ]);
  return { previews: user.pushPreviews, sounds: user.pushSounds, thisDevice: device !== null, locale: localeOrEnglish(user.locale) };
}

export async function updateNotificationSettings(
  app: AppContext,
  caller: ActiveSession,
  changes: UpdateNotificationSettings,
): Promise<NotificationSettings> {
  await app.db.user.update({
    where: { id: caller.userId },
    data: { pushPreviews: changes.previews, pushSounds: changes.sounds, locale: changes.locale },
  });
  return notificationSettings(app, caller);
}
