// The realtime side effects the services ask for, over Socket.IO rooms.
import { cryptoUserId } from "../../lib/contracts/e2ee";
import type { PresenceState } from "../../lib/contracts/messaging";
import { rooms } from "../../lib/rooms";
import type { AppContext, Publisher, ReadContext } from "../context";
import { summarize } from "../services/conversation-access";
import { existingDirectConversationId } from "../services/open-direct-conversation";
import { maskPresence, presenceVisibleTo, profileAudiences, visibleUsers } from "../services/privacy";
import { cryptoPeerIds } from "../store/privacy-sql";
import type { AppServer } from "./io";

/**
 * `app` is what the publisher reads to address and shape what it sends (who may see what, summaries),
 * and whether other nodes share the work (env.redisUrl).
 */
export function createPublisher(
  io: AppServer,
  app: ReadContext & Pick<AppContext, "env">,
  presenceOf: (userId: string) => Promise<PresenceState>,
): Publisher {
  async function userUpdated(userId: string) {
    // Only those who can see the user (contacts, chat and group peers) hear of a change, each kind of
    // viewer as the user's privacy settings let them see it, through their own rooms (so across nodes).
    for (const { ids, user } of await profileAudiences(app, userId)) if (ids.length) io.to(ids.map(rooms.user)).emit("user:updated", user);
  }

  /**
   * Sockets that asked to follow `ownerId` (its watch room) follow its presence only while they may see
   * it: each is moved in or out of the presence room and told the state it may see now. With `viewerId`,
   * only that user's sockets are looked at.
   */
  async function recheckPresence(ownerId: string, viewerId?: string) {
    const sockets = (await io.in(rooms.watch(ownerId)).fetchSockets()).filter((s) => !viewerId || s.data.userId === viewerId);
    if (!sockets.length) return;
    const state = await presenceOf(ownerId);
    for (const viewer of new Set(sockets.map((s) => s.data.userId))) {
      const visible = (await presenceVisibleTo(app, viewer, [ownerId])).length > 0;
      for (const socket of sockets.filter((s) => s.data.userId === viewer)) {
        if (visible) socket.join(rooms.presence(ownerId));
        else socket.leave(rooms.presence(ownerId));
        socket.emit("presence:updated", maskPresence(state, visible));
      }
    }
  }

  /** Reciprocity: what a user may see of others' presence depends on their own setting too. */
  async function recheckWatched(viewerId: string) {
    const sockets = await io.in(rooms.user(viewerId)).fetchSockets();
    const prefix = rooms.watch("");
    const owners = new Set(sockets.flatMap((s) => [...s.rooms].filter((r) => r.startsWith(prefix)).map((r) => r.slice(prefix.length))));
    for (const ownerId of owners) await recheckPresence(ownerId, viewerId);
  }

  async function conversationUpdated(conversationId: string, userIds: string[]) {
    // Summaries are per user (unread count, my role), so each gets their own.
    for (const userId of userIds) io.to(rooms.user(userId)).emit("conversation:updated", await summarize(app, conversationId, userId));
  }

  return {
    userUpdated,
    conversationUpdated,
    async privacyChanged(userId) {
      await userUpdated(userId);
      await recheckPresence(userId);
      await recheckWatched(userId);
    },
    async relationChanged(userId, otherId) {
      for (const [owner, viewer] of [
        [userId, otherId],
        [otherId, userId],
      ]) {
        const seen = (await visibleUsers(app, viewer, [owner])).get(owner);
        if (seen) io.to(rooms.user(viewer)).emit("user:updated", seen.user);
        await recheckPresence(owner, viewer);
      }
      const chat = await existingDirectConversationId(app, userId, otherId);
      if (chat) await conversationUpdated(chat, [userId, otherId]);
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
    statusPosted(status, audienceIds, origin) {
      io.to(rooms.user(status.userId))
        .except(origin ?? [])
        .emit("status:posted", status);
      if (audienceIds.length) io.to(audienceIds.map(rooms.user)).emit("status:posted", { ...status, viewed: false, viewCount: 0 });
    },
    statusRemoved(removed, userIds) {
      if (userIds.length) io.to(userIds.map(rooms.user)).emit("status:removed", removed);
    },
    statusViewed(viewed) {
      io.to([rooms.user(viewed.ownerId), rooms.user(viewed.user.id)]).emit("status:viewed", viewed);
    },
    async devicesChanged(userId) {
      const users = [cryptoUserId(userId)];
      io.to([userId, ...(await cryptoPeerIds(app.store.reader, userId))].map(rooms.user)).emit("keys:changed", { users });
    },
    toDeviceQueued(sessionIds) {
      io.to([...new Set(sessionIds)].map(rooms.session)).emit("to-device:queued");
    },
    membersChanged(conversationId) {
      app.store.forget(conversationId);
      // Other nodes drop their copies too (one node has no others; its adapter would only warn).
      if (app.env.redisUrl) io.serverSideEmit("conversation:members-changed", conversationId);
    },
    callUpdated(call, userIds) {
      if (userIds.length) io.to(userIds.map(rooms.user)).emit("call:updated", { call });
    },
    callSignal(sessionId, signal) {
      io.to(rooms.session(sessionId)).emit("call:signal", signal);
    },
  };
}
