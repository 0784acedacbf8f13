// Small generic helpers for messaging tests: acked emits that never throw, extra devices, full history.
import type { Ack, ApiErrorBody } from "../../lib/contracts/errors";
import type { ChatMessage, HistoryPage } from "../../lib/contracts/messaging";
import type { ClientToServerEvents } from "../../lib/contracts/socket-events";
import { request, type TestSocket, type TestUser } from "./client";

/** A server ack, or `transport` when none came (timeout, or the socket disconnected first). */
export type AckResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: ApiErrorBody; transport?: undefined }
  | { ok: false; transport: string };

type AckData<E extends keyof ClientToServerEvents> =
  Parameters<ClientToServerEvents[E]> extends [unknown, (result: Ack<infer T>) => void] ? T : never;

/** `socket.timeout(ms).emitWithAck(...)`, with a missing ack turned into `{ ok: false, transport }`. */
export async function emitAck<E extends "message:send" | "message:delivered" | "conversation:read" | "sync:request" | "presence:subscribe">(
  socket: TestSocket,
  event: E,
  payload: Parameters<ClientToServerEvents[E]>[0],
  timeoutMs = 5000,
): Promise<AckResult<AckData<E>>> {
  try {
    return (await (socket.timeout(timeoutMs) as any).emitWithAck(event, payload)) as AckResult<AckData<E>>;
  } catch (error) {
    return { ok: false, transport: (error as Error).message };
  }
}

/** Another API token (= another device) for an existing user. */
export async function signInDevice(base: string, user: TestUser, headers: Record<string, string> = {}): Promise<string> {
  const res = await request(base, "POST", "/api/v1/auth/token", { json: { username: user.username, password: user.password }, headers });
  if (res.status !== 200) throw new Error(`token failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token as string;
}

/** One page of GET /conversations/:id/messages; throws on any status but 200. */
export async function historyPage(
  base: string,
  token: string,
  conversationId: string,
  query: { before?: number; limit?: number } = {},
): Promise<HistoryPage> {
  const params = new URLSearchParams();
  if (query.before !== undefined) params.set("before", String(query.before));
  if (query.limit !== undefined) params.set("limit", String(query.limit));
  const res = await request<HistoryPage>(base, "GET", `/api/v1/conversations/${conversationId}/messages?${params}`, { token });
  if (res.status !== 200) throw new Error(`history failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** The whole history, newest page first, paging with `before`; also returns the pages as received. */
export async function fullHistory(
  base: string,
  token: string,
  conversationId: string,
  limit = 50,
): Promise<{ messages: ChatMessage[]; pages: HistoryPage[] }> {
  const pages: HistoryPage[] = [];
  let before: number | undefined;
  for (;;) {
    const page = await historyPage(base, token, conversationId, { before, limit });
    pages.push(page);
    if (!page.hasMore || page.messages.length === 0 || pages.length > 10_000) break;
    before = page.messages[0].seq;
  }
  return { messages: pages.toReversed().flatMap((p) => p.messages), pages };
}
