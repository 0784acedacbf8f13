// A server stopped mid-traffic, gracefully (SIGTERM, a rolling restart) or not (SIGKILL, a crash): no
// acknowledged message is lost, and the app's retries (same client ids) store every other one exactly
// once, in the order it was sent.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Ack } from "../../lib/contracts/errors";
import type { ChatMessage } from "../../lib/contracts/messaging";
import { connect, connected, createUser, request } from "../helpers/client";
import { emptyDatabases } from "../helpers/databases";
import { emitAck, fullHistory } from "../helpers/messaging-client";
import { startServer } from "../helpers/server";

const SENDS = 1000;
/** One user sends SENDS messages in a burst to someone who hasn't replied, and again after the restart: past the default limits. */
const burst = {
  LIMIT_SENDS_PER_MINUTE: String(SENDS * 3),
  LIMIT_REQUEST_SENDS_PER_HOUR: String(SENDS * 3),
  LIMIT_SOCKET_EVENTS_PER_10S: String(SENDS * 3),
};

describe.each(emptyDatabases)("restarts on $name", (database) => {
  it.each(["SIGTERM", "SIGKILL"] as const)(
    "after %s mid-traffic, nothing acknowledged is lost and retries are stored once, in order",
    async (signal) => {
      const { url, drop } = await database.create();
      const first = await startServer({ DATABASE_URL: url, ...burst });
      let second: typeof first | undefined;
      try {
        const ana = await createUser(first.url, "Ana");
        const ben = await createUser(first.url, "Ben");
        const opened = await request(first.url, "POST", "/api/v1/conversations", { token: ana.token, json: { userId: ben.userId } });
        const conversationId = opened.body.id as string;

        const socket = connect(first.url, { token: ana.token });
        // Like the app, leave a draining server at once (the app then reconnects to another one).
        socket.on("server:draining", () => socket.disconnect());
        await connected(socket);
        const ids = Array.from({ length: SENDS }, () => randomUUID());
        const acked = new Map<string, number>();
        for (const [i, id] of ids.entries()) {
          socket.emit("message:send", { id, conversationId, text: `m${i}` }, (r: Ack<{ message: ChatMessage }>) => {
            if (r.ok) acked.set(id, r.data.message.seq);
          });
        }
        await expect.poll(() => acked.size, { interval: 1, timeout: 10_000 }).toBeGreaterThan(50);
        await first.stop(signal);
        socket.disconnect();
        expect(acked.size).toBeLessThan(SENDS); // the stop really came mid-traffic

        second = await startServer({ DATABASE_URL: url, ...burst });
        // What the app's outbox does on reconnect: every send without an ack again, in order, same id.
        const again = connect(second.url, { token: ana.token });
        await connected(again);
        for (const [i, id] of ids.entries()) {
          if (acked.has(id)) continue;
          expect(await emitAck(again, "message:send", { id, conversationId, text: `m${i}` })).toMatchObject({ ok: true });
        }
        again.disconnect();

        const { messages } = await fullHistory(second.url, ana.token, conversationId, 100);
        expect(messages.map((m) => m.clientId)).toEqual(ids);
        expect(messages.map((m) => m.seq)).toEqual(ids.map((_, i) => i + 1));
        for (const m of messages) if (acked.has(m.clientId)) expect(m.seq).toBe(acked.get(m.clientId));
      } finally {
        await second?.stop();
        await first.stop();
        await drop();
      }
    },
  );
});
