// The browser's status updates: the feed from GET /api/v1/statuses, kept current by the socket's
// status:posted / status:removed / status:viewed, as immutable snapshots for useSyncExternalStore. It holds
// statuses as the server sent them and shows them through `open` (encrypted ones decrypted: see
// e2ee/status-sealing.ts), again on `reopen`. No network here; components/status/use-statuses.ts fetches and listens.
import {
  type Status,
  type StatusFeed,
  type StatusRemoved,
  type StatusUpdate,
  type StatusViewed,
  type StatusViewer,
  sortUpdates,
} from "@/lib/contracts/status";

export interface StatusState {
  loaded: boolean;
  mine: Status[];
  /** Unseen first ("Recent updates"), then seen ("Viewed updates"); newest update first within each. */
  updates: StatusUpdate[];
  /** Who saw each of my statuses, latest first, once asked for (then kept live). */
  viewers: Record<string, StatusViewer[]>;
}

export const emptyStatusState: StatusState = { loaded: false, mine: [], updates: [], viewers: {} };

const withStatuses = (u: StatusUpdate, statuses: Status[]): StatusUpdate => ({
  ...u,
  statuses,
  allViewed: statuses.every((s) => s.viewed),
});

export class StatusStore {
  /** As the server sent it. */
  private held: StatusState = emptyStatusState;
  /** As shown. */
  private state: StatusState = emptyStatusState;
  private readonly listeners = new Set<() => void>();
  /** Each held status as last shown, while that is final (not waiting for its key), so React sees the same object. */
  private shown = new WeakMap<Status, Status>();

  constructor(
    private readonly me: string,
    private readonly open: (status: Status) => Status & { e2ee?: string } = (status) => status,
  ) {}

  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  readonly getState = () => this.state;

  private set(patch: Partial<StatusState>) {
    this.held = { ...this.held, ...patch };
    this.show();
  }

  /** Something was decrypted: what waited shows again. */
  reopen() {
    this.show();
  }

  private show() {
    const open = (status: Status) => {
      const known = this.shown.get(status);
      if (known) return known;
      const shown = this.open(status);
      if (shown.e2ee !== "waiting") this.shown.set(status, shown);
      return shown;
    };
    const { mine, updates } = this.held;
    this.state = { ...this.held, mine: mine.map(open), updates: updates.map((u) => ({ ...u, statuses: u.statuses.map(open) })) };
    for (const listener of this.listeners) listener();
  }

  setFeed(feed: StatusFeed) {
    this.set({ loaded: true, mine: feed.mine, updates: sortUpdates(feed.updates) });
  }

  /** A new status; false when it is from someone not in the feed yet (the feed must be fetched for their profile). */
  posted(status: Status): boolean {
    if (status.userId === this.me) {
      if (!this.held.mine.some((s) => s.id === status.id)) this.set({ mine: [...this.held.mine, status] });
      return true;
    }
    const update = this.held.updates.find((u) => u.user.id === status.userId);
    if (!update) return false;
    if (update.statuses.some((s) => s.id === status.id)) return true;
    const next = withStatuses(update, [...update.statuses, status]);
    this.set({ updates: sortUpdates(this.held.updates.map((u) => (u === update ? next : u))) });
    return true;
  }

  removed({ userId, statusIds }: StatusRemoved) {
    const gone = new Set(statusIds);
    if (userId === this.me) {
      const viewers = Object.fromEntries(Object.entries(this.held.viewers).filter(([id]) => !gone.has(id)));
      this.set({ mine: this.held.mine.filter((s) => !gone.has(s.id)), viewers });
      return;
    }
    const updates = this.held.updates.flatMap((u) => {
      if (u.user.id !== userId) return [u];
      const statuses = u.statuses.filter((s) => !gone.has(s.id));
      return statuses.length ? [withStatuses(u, statuses)] : [];
    });
    this.set({ updates: sortUpdates(updates) });
  }

  /** Someone saw my status (its count and viewer list grow), or I saw someone's (on any of my devices). */
  viewed({ statusId, ownerId, user, viewedAt }: StatusViewed) {
    if (ownerId === this.me) {
      const known = this.held.viewers[statusId];
      if (known?.some((v) => v.user.id === user.id)) return;
      this.set({
        mine: this.held.mine.map((s) => (s.id === statusId ? { ...s, viewCount: s.viewCount + 1 } : s)),
        viewers: known ? { ...this.held.viewers, [statusId]: [{ user, viewedAt }, ...known] } : this.held.viewers,
      });
      return;
    }
    const updates = this.held.updates.map((u) =>
      u.user.id === ownerId && u.statuses.some((s) => s.id === statusId && !s.viewed)
        ? withStatuses(
            u,
            u.statuses.map((s) => (s.id === statusId ? { ...s, viewed: true } : s)),
          )
        : u,
    );
    this.set({ updates: sortUpdates(updates) });
  }

  setViewers(statusId: string, viewers: StatusViewer[]) {
    this.set({ viewers: { ...this.held.viewers, [statusId]: viewers } });
  }
}
