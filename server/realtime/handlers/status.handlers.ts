import { deleteStatus, postStatus, viewStatus } from "../../services/status";
import type { On } from "./on";

/** Status commands over Socket.IO: the same services as the REST routes under /api/v1/statuses. */
export function registerStatusHandlers(on: On): void {
  on("status:post", (s, { userId, socketId }) => postStatus(userId, s, socketId));
  on("status:view", ({ statusId }, { userId }) => viewStatus(userId, statusId));
  on("status:delete", ({ statusId }, { userId }) => deleteStatus(userId, statusId));
}
