// Who is online: a user with a connected device that was active in the last 60 s. One node keeps this in
// memory (MemoryPresence); several share it in Redis (RedisPresence, server/realtime/redis-presence.ts).
// Either way the node that sees a user's state flip reports it once; last seen is persisted then. Each
// socket is kept with its session (the device), so Web Push can tell which devices have no connection.
import type { PresenceState } from "../../lib/contracts/messaging";

export const ACTIVE_WINDOW_MS = 60_000;

/** A connected socket and the session (device) it belongs to. */
export interface SocketRef {
  id: string;
  sessionId: string;
}

export interface PresenceTracker {
  connected(userId: string, socket: SocketRef): Promise<void>;
  disconnected(userId: string, socket: SocketRef): Promise<void>;
  /** The user did something on a connected device (a ping from a visible tab, typing). */
  active(userId: string): Promise<void>;
  /** Re-evaluates everyone; run periodically so idle users drop to "last seen". */
  sweep(): Promise<void>;
  state(userId: string): Promise<PresenceState>;
  /** Of these users' sessions, those with a socket connected to any node now (idle or not). */
  connectedSessions(userIds: string[]): Promise<Set<string>>;
  /** Waits for updates still in flight (at shutdown). */
  close(): Promise<void>;
}

/** How a socket is stored: its session first, so the session can be read back without another lookup. */
export const socketMember = (socket: SocketRef) => `${socket.sessionId} ${socket.id}`;
export const sessionOf = (member: string) => member.slice(0, member.indexOf(" "));

/** Called when a user's online state flips; `lastSeenAt` is set when they go offline. */
export type PresenceChange = (state: PresenceState) => void;

interface Entry {
  sockets: Set<string>;
  lastActive: number;
  online: boolean;
}

export class MemoryPresence implements PresenceTracker {
  private readonly users = new Map<string, Entry>();

  constructor(
    private readonly onChange: PresenceChange,
    private readonly lastSeen: (userId: string) => Promise<string | null>,
    private readonly now: () => number = Date.now,
  ) {}

  async connected(userId: string, socket: SocketRef): Promise<void> {
    const entry = this.users.get(userId) ?? { sockets: new Set(), lastActive: 0, online: false };
    entry.sockets.add(socketMember(socket));
    this.users.set(userId, entry);
    await this.active(userId);
  }

  async disconnected(userId: string, socket: SocketRef): Promise<void> {
    const entry = this.users.get(userId);
    if (!entry) return;
    entry.sockets.delete(socketMember(socket));
    this.settle(userId, entry);
  }

  async active(userId: string): Promise<void> {
    const entry = this.users.get(userId);
    if (!entry?.sockets.size) return;
    entry.lastActive = this.now();
    this.settle(userId, entry);
  }

  async sweep(): Promise<void> {
    for (const [userId, entry] of this.users) this.settle(userId, entry);
  }

  async state(userId: string): Promise<PresenceState> {
    const entry = this.users.get(userId);
    if (entry?.online) return { userId, online: true, lastSeenAt: null };
    return {
      userId,
      online: false,
      lastSeenAt: entry && entry.lastActive > 0 ? new Date(entry.lastActive).toISOString() : await this.lastSeen(userId),
    };
  }

  async connectedSessions(userIds: string[]): Promise<Set<string>> {
    return new Set(userIds.flatMap((id) => [...(this.users.get(id)?.sockets ?? [])].map(sessionOf)));
  }

  async close(): Promise<void> {}

  private settle(userId: string, entry: Entry): void {
    const online = entry.sockets.size > 0 && this.now() - entry.lastActive < ACTIVE_WINDOW_MS;
    if (online !== entry.online) {
      entry.online = online;
      this.onChange({ userId, online, lastSeenAt: online ? null : new Date(entry.lastActive).toISOString() });
    }
    if (!entry.sockets.size && !online) this.users.delete(userId);
  }
}
