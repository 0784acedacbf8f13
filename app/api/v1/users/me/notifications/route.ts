import { updateNotificationSettingsSchema } from "@/lib/contracts/notifications";
import { authedRoute, parseJson, reply } from "@/server/http/route";
import { notificationSettings, updateNotificationSettings } from "@/server/services/push-subscriptions";

/** Previews and sounds, and whether this device has a push subscription. */
export const GET = authedRoute(async ({ app, caller }) =>
  reply("GET /api/v1/users/me/notifications", await notificationSettings(app, caller)),
);

export const PATCH = authedRoute(async ({ app, req, caller }) =>
  reply(
    "PATCH /api/v1/users/me/notifications",
    await updateNotificationSettings(app, caller, await parseJson(req, updateNotificationSettingsSchema)),
  ),
);
