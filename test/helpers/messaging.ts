// Messaging helpers for integration tests: a direct chat between two test users, and socket acks.
import { randomUUID } from "node:crypto";
import type { Ack } from "../../lib/contracts/errors";
import type { ConversationSummary } from "../../lib/contracts/messaging";
import { connect, connected, request, type TestSocket, type TestUser } from "./client";

/** The direct chat of two contacts: each opened it (so it's no message request); `a`'s view of it. */
export async function openDirect(base: string, a: TestUser, b: TestUser): Promise<ConversationSummary> {
  const chat = await startChat(base, a, b);
  await startChat(base, b, a);
  return chat;
}

/** `a` opens the direct chat with `b` (for `b`, a message request unless they share a group). */
export async function startChat(base: string, a: TestUser, b: TestUser): Promise<ConversationSummary> {
  const res = await request<ConversationSummary>(base, "POST", "/api/v1/conversations", { token: a.token, json: { userId: b.userId } });
  if (res.status !== 200) throw new Error(`open direct failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * Lets anyone add these users to groups (the default, "My contacts", refuses strangers), for tests where
 * people who aren't contacts build a group.
 */
export async function openToGroups(base: string, ...users: TestUser[]): Promise<void> {
  for (const user of users) {
    const res = await request(base, "PATCH", "/api/v1/users/me/privacy", { token: user.token, json: { groups: "everyone" } });
    if (res.status !== 200) throw new Error(`privacy failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

export async function online(base: string, user: TestUser): Promise<TestSocket> {
  const socket = connect(base, { token: user.token });
  await connected(socket);
  return socket;
}

/** Emits a command and returns its ack (throws if none comes within 5 s). */
export function ask<T = any>(socket: TestSocket, event: string, payload: unknown): Promise<Ack<T>> {
  return (socket.timeout(5000) as any).emitWithAck(event, payload);
}

export async function send(socket: TestSocket, conversationId: string, text: string, id: string = randomUUID()) {
  const ack = await ask<{ message: { seq: number; id: string; clientId: string }; duplicate: boolean }>(socket, "message:send", {
    id,
    conversationId,
    text,
  });
  if (!ack.ok) throw new Error(`send failed: ${JSON.stringify(ack.error)}`);
  return ack.data;
}

/** Collects every event of one name a socket receives. */
export function collect<T = any>(socket: TestSocket, event: string): T[] {
  const seen: T[] = [];
  socket.on(event as any, (payload: T) => seen.push(payload));
  return seen;
}

/**
 * Resolves once everything the server had sent `socket` before this call has arrived: the answer to a
 * request on the same connection comes after it. A test that checks something was not sent calls this
 * once whatever would have sent it has happened, instead of sleeping.
 */
export async function drained(socket: TestSocket): Promise<void> {
  const ack = await ask(socket, "sync:request", {});
  if (!ack.ok) throw new Error(`sync:request refused: ${JSON.stringify(ack)}`);
}

export async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}
