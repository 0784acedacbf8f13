import { z } from "zod";
import { receiptReportSchema, seqSchema } from "../../lib/contracts/messaging";
import { reportReceipt } from "../services/report-receipt";
import { authedRoute, json, parseJson } from "./route";

/** Without a seq the report covers everything so far (watermarks never pass the last message). */
const bodySchema = z.object({ seq: seqSchema.default(2_147_483_647) }).strict();

/** POST /conversations/:id/delivered and /read share this handler. */
export const receiptRoute = (kind: "delivered" | "read") =>
  authedRoute<{ id: string }>(async ({ app, req, params, caller }) => {
    const { seq } = await parseJson(req, bodySchema);
    // The conversation id from the path is checked like the socket command's (an id, not any text).
    return json(await reportReceipt(app, caller.userId, kind, receiptReportSchema.parse({ conversationId: params.id, seq })));
  });
