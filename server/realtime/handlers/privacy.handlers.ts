import { z } from "zod";
import { entityIdSchema } from "../../../lib/contracts/messaging";
import { blockSchema, createReportSchema, updatePrivacySchema } from "../../../lib/contracts/privacy";
import { ctx } from "../../context";
import { acceptRequest } from "../../services/open-direct-conversation";
import { setBlocked, updatePrivacy } from "../../services/privacy";
import { createReport } from "../../services/reports";
import type { AppSocket } from "../io";
import { acked } from "./ack";

/** Privacy settings, blocking, message requests and reports over Socket.IO: the same services as the REST routes. */
export function registerPrivacyHandlers(socket: AppSocket): void {
  const { userId } = socket.data;
  socket.on(
    "privacy:update",
    acked(socket, "privacy:update", updatePrivacySchema, (changes) => updatePrivacy(ctx(), userId, changes)),
  );
  socket.on(
    "user:block",
    acked(socket, "user:block", blockSchema, (b) => setBlocked(ctx(), userId, b.userId, b.blocked)),
  );
  socket.on(
    "conversation:accept",
    acked(socket, "conversation:accept", z.object({ conversationId: entityIdSchema }), (c) =>
      acceptRequest(ctx(), userId, c.conversationId),
    ),
  );
  socket.on(
    "report:create",
    acked(socket, "report:create", createReportSchema, (r) => createReport(ctx(), userId, r)),
  );
}
