// The traffic the fault tests run, and the five invariants they check after each fault:
//   1. no message lost      every send a device accepted is stored and held by every member device
//   2. none duplicated      one stored row, and one held copy, per send
//   3. the same order       every member device holds exactly the stored sequence (gap-free seqs)
//   4. members only         a device of a non-member never receives any of it
//   5. retries stored once  one row per (sender, client id), whatever a retry went through
// Four members (Ana and Ben with two devices each) share a group; Ana and Ben also a direct chat; Eve
// is connected the whole time and is in neither.
import { expect } from "vitest";
import type { ChatMessage, ConversationSummary } from "../../lib/contracts/messaging";
import { createUser, request, type TestUser } from "../helpers/client";
import { openToGroups } from "../helpers/messaging";
import { fullHistory } from "../helpers/messaging-client";
import { type Device, startDevice } from "./device";

export interface Chat {
  devices: Device[];
  outsider: Device;
  /** Conversation ids. */
  group: string;
  direct: string;
  /** Each device sends `count` messages, `everyMs` apart (all devices at once); resolves when all are queued. */
  traffic(count: number, everyMs: number): Promise<void>;
  /** Waits until no device has a send pending and every member device holds every message. */
  settle(timeoutMs?: number): Promise<void>;
  /** Asserts the five invariants against the stored history (read through `base`). */
  check(base: string): Promise<void>;
  /** Totals of Device.seen over every device. */
  seen(): Device["seen"];
  close(): void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startChat(base: string): Promise<Chat> {
  const [ana, ben, cleo, dan, eve] = await Promise.all(["Ana", "Ben", "Cleo", "Dan", "Eve"].map((n) => createUser(base, n)));
  await openToGroups(base, ben, cleo, dan);
  const groupRes = await request<ConversationSummary>(base, "POST", "/api/v1/groups", {
    token: ana.token,
    json: { name: "Faults", participants: [ben.userId, cleo.userId, dan.userId] },
  });
  const directRes = await request<ConversationSummary>(base, "POST", "/api/v1/conversations", {
    token: ana.token,
    json: { userId: ben.userId },
  });
  if (groupRes.status !== 201 && groupRes.status !== 200) throw new Error(`group: ${groupRes.status} ${JSON.stringify(groupRes.body)}`);
  const group = groupRes.body.id;
  const direct = directRes.body.id;
  const pairs: [TestUser, string][] = [
    [ana, "ana-1"],
    [ana, "ana-2"],
    [ben, "ben-1"],
    [ben, "ben-2"],
    [cleo, "cleo"],
    [dan, "dan"],
  ];
  const devices = await Promise.all(pairs.map(([user, name]) => startDevice(base, user, name)));
  const outsider = await startDevice(base, eve, "eve");
  const membersOf = (conversationId: string) =>
    conversationId === direct ? devices.filter((d) => d.user === ana || d.user === ben) : devices;
  /** Texts each device queued, per conversation, in the order it queued them. */
  const sent = new Map<string, string[]>();
  const queued = (device: Device, conversationId: string) => sent.get(`${device.name} ${conversationId}`) ?? [];
  const textsIn = (messages: ChatMessage[]) => messages.filter((m) => m.type === "text").map((m) => m.text);

  return {
    devices,
    outsider,
    group,
    direct,
    async traffic(count, everyMs) {
      await Promise.all(
        devices.map(async (device) => {
          for (let i = 0; i < count; i++) {
            // Ana's and Ben's devices alternate between the group and their direct chat.
            const conversationId = i % 2 && (device.user === ana || device.user === ben) ? direct : group;
            const text = `${device.name} #${i}`;
            await device.engine.send(conversationId, text);
            sent.set(`${device.name} ${conversationId}`, [...queued(device, conversationId), text]);
            await sleep(everyMs);
          }
        }),
      );
    },
    async settle(timeoutMs = 90_000) {
      const expected = (c: string) => devices.reduce((n, d) => n + queued(d, c).length, 0);
      const done = () =>
        devices.every((d) => d.pending() === 0) &&
        [group, direct].every((c) => membersOf(c).every((d) => textsIn(d.messages(c)).length >= expected(c)));
      const until = Date.now() + timeoutMs;
      while (!done() && Date.now() < until) await sleep(100);
    },
    async check(base) {
      for (const conversationId of [group, direct]) {
        const { messages: stored } = await fullHistory(base, ana.token, conversationId, 100);
        const all = devices.flatMap((d) => queued(d, conversationId));
        // 1 + 2: exactly the queued texts, each once.
        expect(textsIn(stored).toSorted(), `stored texts of ${conversationId}`).toEqual(all.toSorted());
        // 5: one row per client id.
        expect(new Set(stored.map((m) => `${m.senderId} ${m.clientId}`)).size).toBe(stored.length);
        // 3: seqs gap-free, each device's sends in the order it queued them, and every member device
        // holding exactly the stored sequence.
        expect(stored.map((m) => m.seq)).toEqual(stored.map((_, i) => i + 1));
        for (const device of devices) {
          const mine = new Set(queued(device, conversationId));
          expect(
            textsIn(stored).filter((t) => mine.has(t)),
            `${device.name}'s order`,
          ).toEqual(queued(device, conversationId));
        }
        for (const device of membersOf(conversationId)) {
          expect(
            device.messages(conversationId).map((m) => m.id),
            `${device.name} holds the stored sequence`,
          ).toEqual(stored.map((m) => m.id));
        }
        // 4: nobody outside the conversation got any of it, live or otherwise.
        for (const device of [outsider, ...devices.filter((d) => !membersOf(conversationId).includes(d))]) {
          expect(
            device.live.filter((m) => m.conversationId === conversationId),
            `${device.name} got nothing`,
          ).toEqual([]);
          expect(device.messages(conversationId)).toEqual([]);
        }
      }
    },
    seen() {
      const total = { disconnects: 0, failures: 0, duplicates: 0, syncHints: 0 };
      for (const { seen } of devices) for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += seen[k];
      return total;
    },
    close() {
      for (const device of [...devices, outsider]) device.close();
    },
  };
}
