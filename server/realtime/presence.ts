// Who is online: a user with a connected device that was active in the last 60 s. Kept in this
// process's memory (multi-node mode moves it to Redis later); last seen is persisted when a user goes offline.
import type { PresenceState } from "../../lib/contracts/messaging";

export const ACTIVE_WINDOW_MS = 60_000;

interface Entry {
  sockets: Set<string>;
  lastActive: number;
  online: boolean;
}

export class PresenceTracker {
  private readonly users = new Map<string, Entry>();

  constructor(
    /** Called when a user's online state flips; `lastSeenAt` is set when they go offline. */
    private readonly onChange: (state: PresenceState) => void,
    private readonly lastSeen: (userId: string) => Promise<string | null>,
    private readonly now: () => number = Date.now,
  ) {}

  connected(userId: string, socketId: string): void {
    const entry = this.users.get(userId) ?? { sockets: new Set(), lastActive: 0, online: false };
    entry.sockets.add(socketId);
    this.users.set(userId, entry);
    this.active(userId);
  }

  disconnected(userId: string, socketId: string): void {
    const entry = this.users.get(userId);
    if (!entry) return;
    entry.sockets.delete(socketId);
    this.settle(userId, entry);
  }

  active(userId: string): void {
    const entry = this.users.get(userId);
    if (!entry?.sockets.size) return;
    entry.lastActive = this.now();
    this.settle(userId, entry);
  }

  /** Re-evaluates everyone; run periodically so idle users drop to "last seen". */
  sweep(): void {
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

  private settle(userId: string, entry: Entry): void {
    const online = entry.sockets.size > 0 && this.now() - entry.lastActive < ACTIVE_WINDOW_MS;
    if (online !== entry.online) {
      entry.online = online;
      this.onChange({ userId, online, lastSeenAt: online ? null : new Date(entry.lastActive).toISOString() });
    }
    if (!entry.sockets.size && !online) this.users.delete(userId);
  }
}
