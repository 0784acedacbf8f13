// Presence shared by every node through Redis. Per user: the sockets connected anywhere ("session socket"
// members of a sorted set
// scored by when each entry expires, so a node that dies without saying goodbye stops counting within
// SOCKET_TTL_MS), the time of their last activity, and membership of one "online" set. One Lua script
// makes each change and re-decides online/offline atomically, so whichever node flips a user reports it,
// exactly once, however many nodes their devices are on.
import type { Logger } from "pino";
import type { PresenceState } from "../../lib/contracts/messaging";
import type { RedisConnections } from "../redis";
import { ACTIVE_WINDOW_MS, type PresenceChange, type PresenceTracker, type SocketRef, sessionOf, socketMember } from "./presence";

/** How long a socket counts without its node renewing it (every sweep, SWEEP_MS apart in server/index.ts). */
export const SOCKET_TTL_MS = 30_000;
/** Redis keeps a user's last activity this long; last seen is in the database by then. */
const ACTIVITY_TTL_MS = 86_400_000;

// KEYS: sockets, activity, online set. ARGV: userId, now, window, op, socket member, socket expiry.
// Returns nil when the user's state didn't flip, else { online (1/0), last activity }.
const SETTLE = `
local now = tonumber(ARGV[2])
local op = ARGV[4]
if op == 'connect' then
  redis.call('ZADD', KEYS[1], ARGV[6], ARGV[5])
  redis.call('PEXPIRE', KEYS[1], ${SOCKET_TTL_MS})
  redis.call('SET', KEYS[2], now, 'PX', ${ACTIVITY_TTL_MS})
elseif op == 'disconnect' then
  redis.call('ZREM', KEYS[1], ARGV[5])
elseif op == 'active' then
  if redis.call('ZCOUNT', KEYS[1], '(' .. now, '+inf') == 0 then return false end
  redis.call('SET', KEYS[2], now, 'PX', ${ACTIVITY_TTL_MS})
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local last = tonumber(redis.call('GET', KEYS[2]) or '0')
local online = redis.call('ZCARD', KEYS[1]) > 0 and now - last < tonumber(ARGV[3])
local was = redis.call('ZSCORE', KEYS[3], ARGV[1]) ~= false
if online then redis.call('ZADD', KEYS[3], last, ARGV[1]) else redis.call('ZREM', KEYS[3], ARGV[1]) end
if online == was then return false end
return { online and 1 or 0, last }`;

type Op = "connect" | "disconnect" | "active" | "sweep";

export class RedisPresence implements PresenceTracker {
  /** This node's sockets, renewed in Redis on every sweep. */
  private readonly local = new Map<string, Set<string>>();
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly redis: RedisConnections,
    private readonly onChange: PresenceChange,
    private readonly lastSeen: (userId: string) => Promise<string | null>,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  connected(userId: string, socket: SocketRef): Promise<void> {
    const sockets = this.local.get(userId) ?? new Set();
    sockets.add(socketMember(socket));
    this.local.set(userId, sockets);
    return this.settle(userId, "connect", socketMember(socket));
  }

  disconnected(userId: string, socket: SocketRef): Promise<void> {
    const sockets = this.local.get(userId);
    sockets?.delete(socketMember(socket));
    if (!sockets?.size) this.local.delete(userId);
    return this.settle(userId, "disconnect", socketMember(socket));
  }

  active(userId: string): Promise<void> {
    return this.settle(userId, "active");
  }

  async sweep(): Promise<void> {
    const now = this.now();
    try {
      const renew = this.redis.app.pipeline();
      for (const [userId, sockets] of this.local) {
        for (const socketId of sockets) renew.zadd(this.key("sockets", userId), now + SOCKET_TTL_MS, socketId);
        renew.pexpire(this.key("sockets", userId), SOCKET_TTL_MS);
      }
      if (renew.length) await renew.exec();
      // Every node looks at the users gone idle; the script lets only one of them report each.
      const idle = await this.redis.app.zrangebyscore(this.key("online"), "-inf", now - ACTIVE_WINDOW_MS);
      await Promise.all(idle.map((userId) => this.settle(userId, "sweep")));
    } catch (err) {
      this.log.warn({ err }, "presence sweep failed: Redis unreachable");
    }
  }

  async state(userId: string): Promise<PresenceState> {
    try {
      const [[, score], [, last]] = (await this.redis.app
        .pipeline()
        .zscore(this.key("online"), userId)
        .get(this.key("activity", userId))
        .exec()) as [[unknown, string | null], [unknown, string | null]];
      if (score !== null) return { userId, online: true, lastSeenAt: null };
      if (last !== null) return { userId, online: false, lastSeenAt: new Date(Number(last)).toISOString() };
    } catch (err) {
      this.log.warn({ err }, "presence read failed: Redis unreachable");
    }
    return { userId, online: false, lastSeenAt: await this.lastSeen(userId) };
  }

  /**
   * One round trip for the whole batch. Redis unreachable: the sockets of this node only, so a push may
   * go to a device connected elsewhere (a duplicate beats a lost notification).
   */
  async connectedSessions(userIds: string[]): Promise<Set<string>> {
    if (!userIds.length) return new Set();
    try {
      const read = this.redis.app.pipeline();
      for (const userId of userIds) read.zrangebyscore(this.key("sockets", userId), `(${this.now()}`, "+inf");
      const replies = (await read.exec()) ?? [];
      return new Set(replies.flatMap(([, members]) => ((members as string[] | null) ?? []).map(sessionOf)));
    } catch (err) {
      this.log.warn({ err }, "presence read failed: Redis unreachable");
      return new Set(userIds.flatMap((id) => [...(this.local.get(id) ?? [])].map(sessionOf)));
    }
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  private settle(userId: string, op: Op, member = ""): Promise<void> {
    const now = this.now();
    const run = this.redis.app
      .eval(
        SETTLE,
        3,
        this.key("sockets", userId),
        this.key("activity", userId),
        this.key("online"),
        userId,
        now,
        ACTIVE_WINDOW_MS,
        op,
        member,
        now + SOCKET_TTL_MS,
      )
      .then((flip) => {
        if (!Array.isArray(flip)) return;
        const [online, last] = flip.map(Number);
        this.onChange({ userId, online: online === 1, lastSeenAt: online === 1 ? null : new Date(last).toISOString() });
      })
      .catch((err) => this.log.warn({ err, userId, op }, "presence update failed: Redis unreachable"));
    this.inFlight.add(run);
    return run.finally(() => this.inFlight.delete(run));
  }

  private key(kind: "sockets" | "activity" | "online", userId?: string): string {
    return this.redis.key(userId ? `presence:${kind}:${userId}` : `presence:${kind}`);
  }
}
