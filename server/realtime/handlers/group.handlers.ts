import {
  createGroupSchema,
  groupMemberCommandSchema,
  groupRefSchema,
  setAdminCommandSchema,
  updateGroupCommandSchema,
} from "../../../lib/contracts/groups";
import type { AppContext } from "../../context";
import { addMember, removeMember, setAdmin, updateGroup } from "../../services/change-group";
import { createGroup } from "../../services/create-group";
import type { AppSocket } from "../io";
import { acked } from "./ack";

/** The group commands over Socket.IO: the same services as the REST routes. */
export function registerGroupHandlers(socket: AppSocket, app: AppContext): void {
  const { userId } = socket.data;
  socket.on(
    "group:create",
    acked(app, socket, "group:create", createGroupSchema, (g) => createGroup(app, userId, g)),
  );
  socket.on(
    "group:update",
    acked(app, socket, "group:update", updateGroupCommandSchema, ({ conversationId, ...changes }) =>
      updateGroup(app, userId, conversationId, changes),
    ),
  );
  socket.on(
    "group:add-member",
    acked(app, socket, "group:add-member", groupMemberCommandSchema, (m) => addMember(app, userId, m.conversationId, m.userId)),
  );
  socket.on(
    "group:remove-member",
    acked(app, socket, "group:remove-member", groupMemberCommandSchema, async (m) => {
      await removeMember(app, userId, m.conversationId, m.userId);
      return null;
    }),
  );
  socket.on(
    "group:set-admin",
    acked(app, socket, "group:set-admin", setAdminCommandSchema, (m) => setAdmin(app, userId, m.conversationId, m.userId, m.admin)),
  );
  socket.on(
    "group:leave",
    acked(app, socket, "group:leave", groupRefSchema, async (g) => {
      await removeMember(app, userId, g.conversationId, userId);
      return null;
    }),
  );
}
