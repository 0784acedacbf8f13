import { rooms } from "../../../lib/rooms";
import type { AppContext } from "../../context";
import { membersFor } from "../../services/conversation-access";
import { maskPresence, presenceVisibleTo, relations } from "../../services/privacy";
import type { AppServer, AppSocket } from "../io";
import type { PresenceTracker } from "../presence";
import type { On } from "./on";

export function registerPresenceHandlers(on: On, io: AppServer, socket: AppSocket, presence: PresenceTracker, app: AppContext): void {
  const { userId } = socket.data;
  const ref = { id: socket.id, sessionId: socket.data.sessionId };
  void presence.connected(userId, ref);
  socket.on("disconnect", () => void presence.disconnected(userId, ref));
  on("presence:ping", () => void presence.active(userId));

  on("presence:subscribe", async ({ userIds }) => {
    // Only people the user shares a conversation with; of those, the presence rooms of the ones whose
    // privacy settings let the user see it (the watch rooms let a later change of settings move that).
    const watched = await app.store.peersAmong(userId, userIds);
    const visible = new Set(await presenceVisibleTo(app, userId, watched));
    await socket.join([...watched.map(rooms.watch), ...[...visible].map(rooms.presence)]);
    return Promise.all(watched.map(async (id) => maskPresence(await presence.state(id), visible.has(id))));
  });

  // Volatile and unacknowledged: a lost typing hint is harmless, a slow one is useless.
  on(
    "typing:start",
    async ({ conversationId }) => {
      const members = await membersFor(app, conversationId, userId).catch(() => null);
      const others = members?.filter((id) => id !== userId) ?? [];
      if (others.length === 1 && !(await typingShown(app, userId, others[0], conversationId))) return;
      if (others.length) io.to(others.map(rooms.user)).volatile.emit("typing:updated", { conversationId, userId, typing: true });
    },
    {
      // Past the user's budget it is dropped before anything else: a flood costs a counter, no reads.
      admit: async () => {
        if (!(await app.limits.typing(userId))) return false;
        void presence.active(userId);
        return true;
      },
    },
  );
}

/** In a direct chat, typing shows like presence: not across a block, nor from someone who hasn't accepted the other's request. */
async function typingShown(app: AppContext, typistId: string, otherId: string, conversationId: string): Promise<boolean> {
  if ((await app.store.conversation(conversationId))?.kind !== "direct") return true;
  const relation = (await relations(app, otherId, [typistId])).get(typistId);
  return !relation || !(relation.ownerBlocksViewer || relation.viewerBlocksOwner || relation.requestPending);
}
