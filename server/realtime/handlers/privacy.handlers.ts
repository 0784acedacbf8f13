import { z } from "zod";
import { entityIdSchema } from "../../../lib/contracts/messaging";
import { blockSchema, createReportSchema, updatePrivacySchema } from "../../../lib/contracts/privacy";
import type { AppContext } from "../../context";
import { acceptRequest } from "../../services/open-direct-conversation";
import { setBlocked, updatePrivacy } from "../../services/privacy";
import { createReport } from "../../services/reports";
import type { AppSocket } from "../io";
import { acked } from "./ack";

/** Privacy settings, blocking, message requests and reports over Socket.IO: the same services as the REST routes. */
export function registerPrivacyHandlers(socket: AppSocket, app: AppContext): void {
  const { userId } = socket.data;
  socket.on(
    "privacy:update",
    acked(app, socket, "privacy:update", updatePrivacySchema, (changes) => updatePrivacy(app, userId, changes)),
  );
  socket.on(
    "user:block",
    acked(app, socket, "user:block", blockSchema, (b) => setBlocked(app, userId, b.userId, b.blocked)),
  );
  socket.on(
    "conversation:accept",
    acked(app, socket, "conversation:accept", z.object({ conversationId: entityIdSchema }), (c) =>
      acceptRequest(app, userId, c.conversationId),
    ),
  );
  socket.on(
    "report:create",
    acked(app, socket, "report:create", createReportSchema, (r) => createReport(app, userId, r)),
  );
}
