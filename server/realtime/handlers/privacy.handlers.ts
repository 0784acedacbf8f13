import type { AppContext } from "../../context";
import { acceptRequest } from "../../services/open-direct-conversation";
import { setBlocked, updatePrivacy } from "../../services/privacy";
import { createReport } from "../../services/reports";
import type { On } from "./on";

/** Privacy settings, blocking, message requests and reports over Socket.IO: the same services as the REST routes. */
export function registerPrivacyHandlers(on: On, app: AppContext): void {
  on("privacy:update", (changes, { userId }) => updatePrivacy(app, userId, changes));
  on("user:block", (b, { userId }) => setBlocked(app, userId, b.userId, b.blocked));
  on("conversation:accept", (c, { userId }) => acceptRequest(app, userId, c.conversationId));
  on("report:create", (r, { userId }) => createReport(app, userId, r));
}
