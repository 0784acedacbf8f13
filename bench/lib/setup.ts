// Users, chats and groups for a run, made through the public REST API like any client would. The server
// runs with TRUST_PROXY so each sign-up can come from its own (forwarded) address: the per-address
// sign-up limit stays on, as in production.
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { mapLimit } from "./limit";
import type { BenchUser, Pair } from "./protocol";

const PASSWORD = "bench password 1";

export async function post<T>(base: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
  const res = await fetch(base + path, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

const forwardedFor = (i: number) => ({ "x-forwarded-for": `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` });

/** Signs `count` users up, then in (an API token each): both rates are part of the results. */
export async function createUsers(base: string, count: number, offset = 0) {
  const run = `${Date.now().toString(36)}`;
  const names = Array.from({ length: count }, (_, i) => `b${run}_${offset + i}`);
  let t0 = performance.now();
  const ids = await mapLimit(names, 8, (username, i) =>
    post<{ userId: string }>(
      base,
      "/api/v1/auth/register",
      { username, displayName: `Bench ${offset + i}`, password: PASSWORD },
      forwardedFor(offset + i),
    ),
  );
  const signUpsPerSecond = count / ((performance.now() - t0) / 1000);
  t0 = performance.now();
  const tokens = await mapLimit(names, 8, (username, i) =>
    post<{ token: string }>(base, "/api/v1/auth/token", { username, password: PASSWORD }, forwardedFor(offset + i)),
  );
  const loginsPerSecond = count / ((performance.now() - t0) / 1000);
  const users: BenchUser[] = names.map((username, i) => ({ username, userId: ids[i].userId, token: tokens[i].token }));
  return { users, signUpsPerSecond, loginsPerSecond };
}

/**
 * Direct chats between users 2i and 2i + 1, opened by a first message and accepted by its recipient (a
 * message request withholds receipts); keys are user ids.
 */
export function openPairs(base: string, users: BenchUser[]): Promise<Pair[]> {
  const pairs = Array.from({ length: Math.floor(users.length / 2) }, (_, i) => [users[2 * i], users[2 * i + 1]] as const);
  return mapLimit(pairs, 8, async ([a, b]) => {
    const { message } = await post<{ message: { conversationId: string } }>(
      base,
      "/api/v1/messages",
      { id: randomUUID(), to: b.userId, text: "hi" },
      { authorization: `Bearer ${a.token}` },
    );
    await post(base, `/api/v1/conversations/${message.conversationId}/accept`, {}, { authorization: `Bearer ${b.token}` });
    return { a: a.userId, b: b.userId, conversationId: message.conversationId };
  });
}

export async function createGroup(base: string, creator: BenchUser, members: BenchUser[]): Promise<string> {
  // The members aren't the creator's contacts: each lets anyone add them to groups (the default is contacts).
  await mapLimit(members, 8, async (m) => {
    const res = await fetch(`${base}/api/v1/users/me/privacy`, {
      method: "PATCH",
      headers: { "content-type": "application/json", authorization: `Bearer ${m.token}` },
      body: JSON.stringify({ groups: "everyone" }),
    });
    if (!res.ok) throw new Error(`PATCH privacy: ${res.status} ${await res.text()}`);
  });
  const group = await post<{ id: string }>(
    base,
    "/api/v1/groups",
    { name: "Bench group", participants: members.map((m) => m.userId) },
    { authorization: `Bearer ${creator.token}` },
  );
  return group.id;
}
