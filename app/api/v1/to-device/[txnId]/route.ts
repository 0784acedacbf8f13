import { TO_DEVICE_BODY_MAX, toDeviceSendSchema, txnIdSchema } from "@/lib/contracts/e2ee";
import { authedRoute, parseJson, reply } from "@/server/http/route";
import { sendToDevice } from "@/server/services/to-device";

/** Queued (or already queued by an earlier try with this txnId): {}. */
export const PUT = authedRoute<{ txnId: string }>(async ({ app, req, params, caller }) => {
  const txnId = txnIdSchema.parse(params.txnId);
  await sendToDevice(app, caller, txnId, await parseJson(req, toDeviceSendSchema, TO_DEVICE_BODY_MAX));
  return reply("PUT /api/v1/to-device/:txnId", {});
});
