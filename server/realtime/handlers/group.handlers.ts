import {
  createGroupSchema,
  groupMemberCommandSchema,
  groupRefSchema,
  setAdminCommandSchema,
  updateGroupCommandSchema,
} from "../../../lib/contracts/groups";
import { ctx } from "../../context";
import { addMember, removeMember, setAdmin, updateGroup } from "../../services/change-group";
import { createGroup } from "../../services/create-group";
import type { AppSocket } from "../io";
import { acked } from "./ack";

/** The group commands over Socket.IO: the same services as the REST routes. */
export function registerGroupHandlers(socket: AppSocket): void {
  const { userId } = socket.data;
  socket.on(
    "group:create",
    acked(socket, "group:create", createGroupSchema, (g) => createGroup(ctx(), userId, g)),
  );
  socket.on(
    "group:update",
    acked(socket, "group:update", updateGroupCommandSchema, ({ conversationId, ...changes }) =>
      updateGroup(ctx(), userId, conversationId, changes),
    ),
  );
  socket.on(
    "group:add-member",
    acked(socket, "group:add-member", groupMemberCommandSchema, (m) => addMember(ctx(), userId, m.conversationId, m.userId)),
  );
  socket.on(
    "group:remove-member",
    acked(socket, "group:remove-member", groupMemberCommandSchema, async (m) => {
      await removeMember(ctx(), userId, m.conversationId, m.userId);
      return null;
    }),
  );
  socket.on(
    "group:set-admin",
    acked(socket, "group:set-admin", setAdminCommandSchema, (m) => setAdmin(ctx(), userId, m.conversationId, m.userId, m.admin)),
  );
  socket.on(
    "group:leave",
    acked(socket, "group:leave", groupRefSchema, async (g) => {
      await removeMember(ctx(), userId, g.conversationId, userId);
      return null;
    }),
  );
}
