import { receiptBodySchema, receiptReportSchema } from "../../lib/contracts/messaging";
import { reportReceipt } from "../services/report-receipt";
import { authedRoute, parseJson, reply } from "./route";

/** POST /conversations/:id/delivered and /read share this handler. */
export const receiptRoute = (kind: "delivered" | "read") =>
  authedRoute<{ id: string }>(async ({ app, req, params, caller }) => {
    const { seq } = await parseJson(req, receiptBodySchema);
    // The conversation id from the path is checked like the socket command's (an id, not any text).
    return reply(
      `POST /api/v1/conversations/:id/${kind}`,
      await reportReceipt(app, caller.userId, kind, receiptReportSchema.parse({ conversationId: params.id, seq })),
    );
  });
