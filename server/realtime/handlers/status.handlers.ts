import { postStatusSchema, statusRefSchema } from "../../../lib/contracts/status";
import type { AppContext } from "../../context";
import { deleteStatus, postStatus, viewStatus } from "../../services/status";
import type { AppSocket } from "../io";
import { acked } from "./ack";

/** Status commands over Socket.IO: the same services as the REST routes under /api/v1/statuses. */
export function registerStatusHandlers(socket: AppSocket, app: AppContext): void {
  const { userId } = socket.data;
  socket.on(
    "status:post",
    acked(app, socket, "status:post", postStatusSchema, (s) => postStatus(app, userId, s, socket.id)),
  );
  socket.on(
    "status:view",
    acked(app, socket, "status:view", statusRefSchema, ({ statusId }) => viewStatus(app, userId, statusId)),
  );
  socket.on(
    "status:delete",
    acked(app, socket, "status:delete", statusRefSchema, ({ statusId }) => deleteStatus(app, userId, statusId)),
  );
}
