// GET /metrics as Prometheus scrapes it: off without METRICS_TOKEN, token required, and the counters move
// with what users do.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { connect, connected, createUser, request } from "../helpers/client";
import { freshSqliteUrl } from "../helpers/databases";
import { emitAck } from "../helpers/messaging-client";
import { startServer } from "../helpers/server";

const token = "metrics-token-for-tests-0123456789";

/** The value of one sample line, e.g. `chatterbox_messages_sent_total 3`. */
const sample = (text: string, series: string) => {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe("metrics", () => {
  it("is off without METRICS_TOKEN", async () => {
    const server = await startServer({ DATABASE_URL: freshSqliteUrl() });
    try {
      const res = await request(server.url, "GET", "/metrics", { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(404);
      expect(res.body.error.message).toMatch(/METRICS_TOKEN/);
    } finally {
      await server.stop();
    }
  });

  it("needs the token, then counts sends, receipts, acks and sockets", async () => {
    const server = await startServer({ DATABASE_URL: freshSqliteUrl(), METRICS_TOKEN: token });
    const scrape = () => request<string>(server.url, "GET", "/metrics", { headers: { authorization: `Bearer ${token}` } });
    try {
      expect((await request(server.url, "GET", "/metrics")).status).toBe(401);
      expect((await request(server.url, "GET", "/metrics", { headers: { authorization: "Bearer wrong" } })).status).toBe(401);

      const [ana, ben] = [await createUser(server.url, "Ana"), await createUser(server.url, "Ben")];
      const socket = connect(server.url, { token: ana.token });
      await connected(socket);
      const before = await scrape();
      expect(before.status).toBe(200);
      expect(before.headers.get("content-type")).toMatch(/^text\/plain/);
      expect(sample(before.body, "chatterbox_messages_sent_total")).toBe(0);
      expect(sample(before.body, "chatterbox_sockets")).toBe(1);
      expect(before.body).toMatch(/^nodejs_eventloop_lag_seconds /m);

      const id = randomUUID();
      const sent = await emitAck(socket, "message:send", { id, to: ben.userId, text: "hello" });
      expect(sent.ok).toBe(true);
      await emitAck(socket, "message:send", { id, to: ben.userId, text: "hello" }); // a retry counts once
      const reader = connect(server.url, { token: ben.token });
      await connected(reader);
      const conversationId = sent.ok ? sent.data.message.conversationId : "";
      // Ben accepts Ana's message request, so his read counts.
      expect((await request(server.url, "POST", `/api/v1/conversations/${conversationId}/accept`, { token: ben.token })).status).toBe(200);
      expect((await emitAck(reader, "conversation:read", { conversationId, seq: 1 })).ok).toBe(true);

      const after = (await scrape()).body;
      expect(sample(after, "chatterbox_messages_sent_total")).toBe(1);
      expect(sample(after, 'chatterbox_receipts_total{kind="read"}')).toBe(1);
      expect(sample(after, 'chatterbox_socket_ack_seconds_count{event="message:send"}')).toBe(2);
      expect(sample(after, "chatterbox_sockets")).toBe(2);
      socket.disconnect();
      reader.disconnect();
    } finally {
      await server.stop();
    }
  });
});
