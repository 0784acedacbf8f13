import { updateNotificationSettingsSchema } from "@/lib/contracts/notifications";
import { authedRoute, parseJson, reply } from "@/server/http/route";
import { notificationSettings, updateNotificationSettings } from "@/server/services/push-subscriptions";

/** Previews and sounds, and whether this device has a push subscription. */
export const GET = authedRoute(async ({ caller }) => reply("GET /api/v1/users/me/notifications", await notificationSettings(caller)));

export const PATCH = authedRoute(async ({ req, caller }) =>
  reply(
    "PATCH /api/v1/users/me/notifications",
    await updateNotificationSettings(caller, await parseJson(req, updateNotificationSettingsSchema)),
  ),
);
