import type { AppContext } from "../../context";
import { deleteStatus, postStatus, viewStatus } from "../../services/status";
import type { On } from "./on";

/** Status commands over Socket.IO: the same services as the REST routes under /api/v1/statuses. */
export function registerStatusHandlers(on: On, app: AppContext): void {
  on("status:post", (s, { userId, socketId }) => postStatus(app, userId, s, socketId));
  on("status:view", ({ statusId }, { userId }) => viewStatus(app, userId, statusId));
  on("status:delete", ({ statusId }, { userId }) => deleteStatus(app, userId, statusId));
}
