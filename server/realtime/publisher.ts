// The realtime side effects the services ask for, over Socket.IO rooms.
import { rooms } from "../../lib/rooms";
import { ctx, type Publisher } from "../context";
import { summarize } from "../services/conversation-access";
import { getUser } from "../services/profile";
import type { AppServer } from "./io";

export function createPublisher(io: AppServer): Publisher {
  return {
    async userUpdated(userId) {
      // Every signed-in user may look anyone up, so everyone hears about profile changes. Later issues
      // narrow this to contacts when privacy settings arrive.
      io.emit("user:updated", await getUser(userId));
    },
    sessionsRevoked(sessionIds) {
      if (!sessionIds.length) return;
      const targets = sessionIds.map(rooms.session);
      io.to(targets).emit("session:revoked");
      io.in(targets).disconnectSockets(true);
    },
    // Only members' own rooms are addressed, so nothing reaches a non-member.
    messageCreated(message, memberIds, ticksMoved, origin) {
      const targets = memberIds.map(rooms.user);
      io.to(targets)
        .except(origin ?? [])
        .emit("message:created", message);
      if (ticksMoved) io.to(targets).emit("receipt:updated", { conversationId: message.conversationId, ticks: ticksMoved });
    },
    // In a big group most reports move nobody's ticks: only the reporter's own devices hear of them, so
    // a message read by 1,000 members costs about 1,000 packets rather than a million.
    receiptUpdated(userId, update, memberIds, ticksMoved, origin) {
      io.to(rooms.user(userId))
        .except(origin ?? [])
        .emit("receipt:updated", update);
      if (!ticksMoved) return;
      const others = memberIds.filter((id) => id !== userId).map(rooms.user);
      if (others.length) io.to(others).emit("receipt:updated", { conversationId: update.conversationId, ticks: update.ticks });
    },
    messageUpdated(message, memberIds) {
      io.to(memberIds.map(rooms.user)).emit("message:updated", message);
    },
    flagUpdated(userId, update, origin) {
      io.to(rooms.user(userId))
        .except(origin ?? [])
        .emit("message:flagged", update);
    },
    messagesRemoved(removed, memberIds) {
      if (memberIds.length) io.to(memberIds.map(rooms.user)).emit("message:removed", removed);
    },
    membersChanged(conversationId) {
      const { store, env } = ctx();
      store.forget(conversationId);
      // Other nodes drop their copies too (one node has no others; its adapter would only warn).
      if (env.redisUrl) io.serverSideEmit("conversation:members-changed", conversationId);
    },
    async conversationUpdated(conversationId, userIds) {
      // Summaries are per user (unread count, my role), so each gets their own.
      for (const userId of userIds) io.to(rooms.user(userId)).emit("conversation:updated", await summarize(conversationId, userId));
    },
  };
}
