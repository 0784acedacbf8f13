import { postStatusSchema, statusRefSchema } from "../../../lib/contracts/status";
import { ctx } from "../../context";
import { deleteStatus, postStatus, viewStatus } from "../../services/status";
import type { AppSocket } from "../io";
import { acked } from "./ack";

/** Status commands over Socket.IO: the same services as the REST routes under /api/v1/statuses. */
export function registerStatusHandlers(socket: AppSocket): void {
  const { userId } = socket.data;
  socket.on(
    "status:post",
    acked(socket, "status:post", postStatusSchema, (s) => postStatus(ctx(), userId, s, socket.id)),
  );
  socket.on(
    "status:view",
    acked(socket, "status:view", statusRefSchema, ({ statusId }) => viewStatus(ctx(), userId, statusId)),
  );
  socket.on(
    "status:delete",
    acked(socket, "status:delete", statusRefSchema, ({ statusId }) => deleteStatus(ctx(), userId, statusId)),
  );
}
