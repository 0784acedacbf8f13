import { updateNotificationSettingsSchema } from "@/lib/contracts/notifications";
import { authedRoute, json, parseJson } from "@/server/http/route";
import { notificationSettings, updateNotificationSettings } from "@/server/services/push-subscriptions";

/** Previews and sounds, and whether this device has a push subscription. */
export const GET = authedRoute(async ({ app, caller }) => json(await notificationSettings(app, caller)));

export const PATCH = authedRoute(async ({ app, req, caller }) =>
  json(await updateNotificationSettings(app, caller, await parseJson(req, updateNotificationSettingsSchema))),
);
