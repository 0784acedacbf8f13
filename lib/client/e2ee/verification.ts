// Verification on this device: what it remembers of each contact's devices (to notice when they change:
// "security code changed"), the safety number shared with each contact, and which numbers I marked as
// verified. Kept on the device only (crypto-runtime.ts: IndexedDB beside the device's other values); the
// server is never asked, since it is the party this protects against (it could add a device to someone).

import { cryptoUserId } from "@/lib/contracts/e2ee";
import type { GroupInfo } from "@/lib/contracts/groups";
import type { ConversationSummary } from "@/lib/contracts/messaging";
import type { CryptoClient } from "@/lib/crypto/crypto-client";
import { safetyNumber } from "@/lib/crypto/safety-number";
import { text } from "@/lib/i18n/text";

/** How many "security code changed" moments are kept per contact (the latest). */
export const CHANGES_KEPT = 20;

/** What this device remembers of one person. */
export interface ContactKeys {
  /** Their devices' ed25519 keys as this device last saw them, sorted. */
  keys: string[];
  /** When this device noticed their devices change (ms, oldest first): where their chat says so. */
  changes: number[];
  /** The safety number I marked as verified: it counts only while it is still the number. */
  verified: { safetyNumber: string; at: number } | null;
}

/** Where a device keeps what it remembers of people (IndexedDB in the browser). */
export interface ContactKeyStore {
  all(): Promise<Record<string, ContactKeys>>;
  put(userId: string, record: ContactKeys): Promise<void>;
}

/** The crypto client's side of it: each user's device keys, and word of users whose devices changed. */
export type DeviceDirectory = Pick<CryptoClient, "deviceKeys" | "onDevicesChanged">;

const sameKeys = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((key, i) => key === b[i]);

/**
 * What seeing `keys` (sorted) for someone makes of what was remembered: null when nothing changes. The
 * first sight of someone is remembered but is no change. An empty list is never remembered (a user whose
 * devices couldn't be fetched, or who has none: nothing can be sent to them, and their next device is
 * compared with the last ones seen).
 */
export function noticeKeys(before: ContactKeys | undefined, keys: string[], now: number): ContactKeys | null {
  if (keys.length === 0) return null;
  if (!before) return { keys, changes: [], verified: null };
  if (sameKeys(before.keys, keys)) return null;
  return { ...before, keys, changes: [...before.changes, now].slice(-CHANGES_KEPT) };
}

/**
 * The people whose devices are watched: the other person of each end-to-end encrypted direct chat, and the
 * other members of each encrypted group whose info this device has loaded (a group's is, once opened).
 */
export function encryptedPeers(
  conversations: Record<string, ConversationSummary>,
  groups: Record<string, Pick<GroupInfo, "members">>,
  me: string,
): string[] {
  const ids = Object.values(conversations).flatMap((c) => {
    if (!c.encrypted) return [];
    if (c.kind === "direct") return c.peer && c.peer.id !== me ? [c.peer.id] : [];
    return (groups[c.id]?.members ?? []).map((m) => m.user.id).filter((id) => id !== me);
  });
  return [...new Set(ids)];
}

export type VerificationState = Readonly<Record<string, ContactKeys>>;

/** A safety number with a contact, and whether I verified exactly it. */
export interface SafetyCheck {
  digits: string;
  verified: boolean;
  /** I verified an earlier number: their devices or mine changed since. */
  stale: boolean;
}

export class DeviceVerification {
  private state: VerificationState = {};
  private readonly listeners = new Set<() => void>();
  private device: { directory: DeviceDirectory; store: ContactKeyStore } | null = null;
  private readonly watched = new Set<string>();
  private readonly numbers = new Map<string, Promise<string>>();
  private checking: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly me: string,
    private readonly now: () => number = Date.now,
  ) {}

  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  readonly getState = () => this.state;

  /**
   * Starts with this device's directory and memory (once read, safety numbers can be asked for); then checks
   * everyone watched so far in the background, and whoever the directory says changed as it says so.
   */
  async attach(directory: DeviceDirectory, store: ContactKeyStore): Promise<void> {
    this.state = await store.all().catch(() => ({}));
    this.device = { directory, store };
    directory.onDevicesChanged((userIds) => {
      this.check(userIds.filter((id) => this.watched.has(id) || id === this.me)).catch(() => {});
    });
    this.emit();
    this.check([...this.watched]).catch(() => {});
  }

  /** Watches these people's devices from now on (those not watched yet are checked now). */
  watch(userIds: string[]): void {
    const fresh = userIds.filter((id) => !this.watched.has(id));
    for (const id of fresh) this.watched.add(id);
    if (fresh.length && this.device) void this.check(fresh).catch(() => {});
  }

  /** Compares these people's devices with what was remembered, noting changes. Returns their keys now. */
  check(userIds: string[]): Promise<Record<string, string[]>> {
    // One at a time: two checks comparing with the same memory would note one change twice.
    const run = this.checking.then(() => this.compare(userIds));
    this.checking = run.catch(() => {});
    return run;
  }

  private async compare(userIds: string[]): Promise<Record<string, string[]>> {
    if (!this.device || userIds.length === 0) return {};
    const { directory, store } = this.device;
    const keys = await directory.deviceKeys(userIds);
    const now = this.now();
    const updates: [string, ContactKeys][] = [];
    for (const [id, seen] of Object.entries(keys)) {
      const next = noticeKeys(this.state[id], seen, now);
      if (next) updates.push([id, next]);
    }
    if (updates.length) {
      this.state = { ...this.state, ...Object.fromEntries(updates) };
      this.emit();
      await Promise.all(updates.map(([id, record]) => store.put(id, record)));
    }
    return keys;
  }

  /** The safety number with `peer` now (null while either of us has no device), and whether it is the one I verified. */
  async safetyNumber(peer: string): Promise<SafetyCheck | null> {
    if (!this.device) throw new Error(text("clientErrors.e2ee.notLoaded"));
    this.watch([peer]);
    const keys = await this.check([this.me, peer]);
    const [mine, theirs] = [keys[this.me] ?? [], keys[peer] ?? []];
    if (mine.length === 0 || theirs.length === 0) return null;
    const cacheKey = `${peer}\n${mine.join(",")}\n${theirs.join(",")}`;
    let digits = this.numbers.get(cacheKey);
    if (!digits) {
      digits = safetyNumber({ userId: cryptoUserId(this.me), keys: mine }, { userId: cryptoUserId(peer), keys: theirs });
      this.numbers.set(cacheKey, digits);
    }
    const number = await digits;
    const verified = this.state[peer]?.verified ?? null;
    return { digits: number, verified: verified?.safetyNumber === number, stale: verified !== null && verified.safetyNumber !== number };
  }

  /** Marks `digits` as the safety number I checked with `peer` (null: clears it). */
  async setVerified(peer: string, digits: string | null): Promise<void> {
    const before = this.state[peer];
    if (!this.device || !before) throw new Error(text("clientErrors.e2ee.devicesUnknown"));
    const record: ContactKeys = { ...before, verified: digits === null ? null : { safetyNumber: digits, at: this.now() } };
    this.state = { ...this.state, [peer]: record };
    this.emit();
    await this.device.store.put(peer, record);
  }

  private emit() {
    for (const listener of this.listeners) listener();
  }
}
