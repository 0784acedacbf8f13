// What the server sends matches the wire contract: every ack, push and REST answer of a session that
// uses each command is parsed with its schema from the registries (lib/contracts/socket-events.ts,
// routes.ts). The server itself never parses its outputs (that would cost on the send path); this does.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ZodType } from "zod";
import { type Route, routes } from "../../lib/contracts/routes";
import { type CommandEvent, clientEvents, type PayloadOf, type ServerEvent, serverEvents } from "../../lib/contracts/socket-events";
import { createUser, request, type TestSocket, type TestUser } from "../helpers/client";
import { freshSqliteUrl } from "../helpers/databases";
import { ask, online, openToGroups, until } from "../helpers/messaging";
import { type RunningServer, startServer } from "../helpers/server";

describe("the wire contract, against a running server", () => {
  let server: RunningServer;
  let base: string;
  let ana: TestUser;
  let ben: TestUser;
  let anaSocket: TestSocket;
  let benSocket: TestSocket;
  /** Every push either socket received, by event. */
  const pushes: [ServerEvent, unknown][] = [];

  beforeAll(async () => {
    server = await startServer({ DATABASE_URL: freshSqliteUrl() });
    base = server.url;
    [ana, ben] = [await createUser(base, "Ana"), await createUser(base, "Ben")];
    await openToGroups(base, ana, ben);
    [anaSocket, benSocket] = [await online(base, ana), await online(base, ben)];
    for (const socket of [anaSocket, benSocket]) socket.onAny((event: ServerEvent, payload: unknown) => pushes.push([event, payload]));
  });
  afterAll(async () => {
    anaSocket?.close();
    benSocket?.close();
    await server?.stop();
  });

  /** A command's ack, its data parsed with the registry's result schema. */
  async function command<E extends CommandEvent>(socket: TestSocket, event: E, payload: PayloadOf<E>) {
    const ack = await ask(socket, event, payload);
    if (!ack.ok) throw new Error(`${event} refused: ${JSON.stringify(ack.error)}`);
    return (clientEvents[event].result as ZodType).parse(ack.data) as never;
  }

  /** A REST call's answer, parsed with the route's output schema when the registry has one. */
  async function call(route: Route, user: TestUser, path: string, json?: unknown) {
    const res = await request(base, route.split(" ")[0], path, { token: user.token, json });
    expect(res.status, `${route}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
    const output = routes[route].output;
    return output && "parse" in output ? (output as ZodType).parse(res.body) : res.body;
  }

  it("answers and pushes what the registries describe", async () => {
    const chat: { id: string } = await call("POST /api/v1/conversations", ana, "/api/v1/conversations", { userId: ben.userId });
    await call("POST /api/v1/conversations", ben, "/api/v1/conversations", { userId: ana.userId });
    await command(benSocket, "presence:subscribe", { userIds: [ana.userId] });
    anaSocket.emit("typing:start", { conversationId: chat.id });
    anaSocket.emit("presence:ping");

    const sent: { message: { seq: number } } = await command(anaSocket, "message:send", {
      id: randomUUID(),
      conversationId: chat.id,
      text: "Hola",
    });
    const seq = sent.message.seq;
    await command(anaSocket, "message:send", { id: randomUUID(), conversationId: chat.id, text: "¿Qué tal?", replyTo: seq });
    await command(benSocket, "message:delivered", { conversationId: chat.id, seq });
    await command(benSocket, "conversation:read", { conversationId: chat.id, seq });
    await command(benSocket, "sync:request", { cursors: {} });
    await command(anaSocket, "message:edit", { conversationId: chat.id, seq, text: "Hola, Ben" });
    await command(benSocket, "message:react", { conversationId: chat.id, seq, emoji: "🎉" });
    await command(benSocket, "message:star", { conversationId: chat.id, seq, starred: true });
    // Over REST, so that Ben's socket gets the message:flagged his other devices get.
    await call("DELETE /api/v1/conversations/:id/messages/:seq/star", ben, `/api/v1/conversations/${chat.id}/messages/${seq}/star`);
    await command(anaSocket, "message:pin", { conversationId: chat.id, seq, pinned: true });
    await command(benSocket, "message:delete", { conversationId: chat.id, seq: seq + 1, for: "me" });
    await command(anaSocket, "message:delete", { conversationId: chat.id, seq: seq + 1, for: "everyone" });
    await command(anaSocket, "message:forward", {
      from: { conversationId: chat.id, seq },
      targets: [{ id: randomUUID(), conversationId: chat.id }],
    });
    await command(anaSocket, "conversation:settings", { conversationId: chat.id, archived: true });
    await command(anaSocket, "conversation:disappearing", { conversationId: chat.id, seconds: 0 });

    const group: { id: string } = await command(anaSocket, "group:create", { name: "Crew", participants: [ben.userId] });
    await command(anaSocket, "group:update", { conversationId: group.id, description: "Weekend plans" });
    await command(anaSocket, "group:set-admin", { conversationId: group.id, userId: ben.userId, admin: true });
    await command(benSocket, "group:remove-member", { conversationId: group.id, userId: ana.userId });
    await command(benSocket, "group:add-member", { conversationId: group.id, userId: ana.userId });
    await command(anaSocket, "group:leave", { conversationId: group.id });

    const posted: { status: { id: string } } = await command(anaSocket, "status:post", {
      id: randomUUID(),
      kind: "text",
      text: "On holiday",
    });
    await command(benSocket, "status:view", { statusId: posted.status.id });
    await command(anaSocket, "status:delete", { statusId: posted.status.id });

    await command(benSocket, "privacy:update", { about: "contacts" });
    await command(benSocket, "report:create", { conversationId: chat.id, reason: "Testing" });
    await command(benSocket, "user:block", { userId: ana.userId, blocked: true });
    await command(benSocket, "user:block", { userId: ana.userId, blocked: false });
    await command(benSocket, "conversation:accept", { conversationId: chat.id });

    for (const [route, path] of [
      ["GET /api/v1/conversations", "/api/v1/conversations"],
      ["GET /api/v1/conversations/:id", `/api/v1/conversations/${chat.id}`],
      ["GET /api/v1/conversations/:id/messages", `/api/v1/conversations/${chat.id}/messages`],
      ["GET /api/v1/groups/:id", `/api/v1/groups/${group.id}`],
      ["GET /api/v1/users/:id", `/api/v1/users/${ana.userId}`],
      ["GET /api/v1/users/me/privacy", "/api/v1/users/me/privacy"],
      ["GET /api/v1/messages/unread", "/api/v1/messages/unread"],
    ] as const)
      await call(route, ben, path);

    // Every kind of push this session causes came, and each one parses with its schema.
    const expected: ServerEvent[] = ["message:created", "message:updated", "message:flagged", "receipt:updated", "conversation:updated"];
    expected.push("typing:updated", "status:posted", "status:viewed", "status:removed", "user:updated");
    await until(() => expected.every((event) => pushes.some(([e]) => e === event))).catch(() => {
      throw new Error(`missing: ${expected.filter((event) => !pushes.some(([e]) => e === event))}`);
    });
    for (const [event, payload] of pushes) {
      const schema = serverEvents[event];
      if (schema) expect(() => schema.parse(payload), `${event}: ${JSON.stringify(payload)}`).not.toThrow();
    }
  });
});
