import { pushSubscriptionSchema } from "@/lib/contracts/notifications";
import { authedRoute, parseJson, reply } from "@/server/http/route";
import { subscribePush, unsubscribePush } from "@/server/services/push-subscriptions";

/** This device's subscription (PushSubscription.toJSON()), replacing its previous one. */
export const POST = authedRoute(async ({ app, req, caller }) => {
  await subscribePush(app, caller, await parseJson(req, pushSubscriptionSchema));
  return reply("POST /api/v1/notifications/push/subscriptions", { subscribed: true }, 201);
});

/** No more pushes to this device. */
export const DELETE = authedRoute(async ({ app, caller }) =>
  reply("DELETE /api/v1/notifications/push/subscriptions", { removed: await unsubscribePush(app, caller.sessionId) }),
);
