import type { AppContext } from "../../context";
import { addMember, removeMember, setAdmin, updateGroup } from "../../services/change-group";
import { createGroup } from "../../services/create-group";
import type { On } from "./on";

/** The group commands over Socket.IO: the same services as the REST routes. */
export function registerGroupHandlers(on: On, app: AppContext): void {
  on("group:create", (g, { userId }) => createGroup(app, userId, g));
  on("group:update", ({ conversationId, ...changes }, { userId }) => updateGroup(app, userId, conversationId, changes));
  on("group:add-member", (m, { userId }) => addMember(app, userId, m.conversationId, m.userId));
  on("group:remove-member", async (m, { userId }) => {
    await removeMember(app, userId, m.conversationId, m.userId);
    return null;
  });
  on("group:set-admin", (m, { userId }) => setAdmin(app, userId, m.conversationId, m.userId, m.admin));
  on("group:leave", async (g, { userId }) => {
    await removeMember(app, userId, g.conversationId, userId);
    return null;
  });
}
