// A small HTTP + Socket.IO client for integration tests, speaking the public API like any client would.
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "../../lib/contracts/socket-events";
import { uniqueName } from "./databases";

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export async function request<T = any>(
  base: string,
  method: string,
  path: string,
  opts: { json?: unknown; token?: string; headers?: Record<string, string>; body?: BodyInit } = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.json !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(base + path, {
    method,
    headers,
    body: opts.json !== undefined ? JSON.stringify(opts.json) : opts.body,
    redirect: "manual",
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {}
  return { status: res.status, body: body as T, headers: res.headers };
}

export interface TestUser {
  userId: string;
  username: string;
  password: string;
  token: string;
}

/** Registers a new user and gets an API token for them. */
export async function createUser(base: string, displayName = "Test User", headers: Record<string, string> = {}): Promise<TestUser> {
  const username = uniqueName();
  const password = "correct horse battery";
  const reg = await request(base, "POST", "/api/v1/auth/register", { json: { username, displayName, password }, headers });
  if (reg.status !== 201) throw new Error(`register failed: ${reg.status} ${JSON.stringify(reg.body)}`);
  const tok = await request(base, "POST", "/api/v1/auth/token", { json: { username, password }, headers });
  if (tok.status !== 200) throw new Error(`token failed: ${tok.status} ${JSON.stringify(tok.body)}`);
  return { userId: reg.body.userId, username, password, token: tok.body.token };
}

/** Signs in through next-auth's credentials flow like a browser (with `extraCookie`, e.g. a device cookie) and returns the session cookie. */
export async function browserSignIn(base: string, username: string, password: string, extraCookie?: string) {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const csrfCookie = [...csrf.headers.getSetCookie().map((c) => c.split(";")[0]), ...(extraCookie ? [extraCookie] : [])].join("; ");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie, origin: base },
    body: new URLSearchParams({ csrfToken, username, password, json: "true" }),
    redirect: "manual",
  });
  const setCookies = res.headers.getSetCookie();
  const session = setCookies.find((c) => /next-auth\.session-token=/.test(c));
  return { status: res.status, setCookies, sessionCookie: session?.split(";")[0] ?? null };
}

export function connect(base: string, auth: { token?: string; cookie?: string; origin?: string }): TestSocket {
  const extraHeaders: Record<string, string> = {};
  if (auth.cookie) extraHeaders.cookie = auth.cookie;
  if (auth.origin) extraHeaders.origin = auth.origin;
  return io(base, {
    transports: ["websocket"],
    auth: auth.token ? { token: auth.token } : {},
    extraHeaders,
    reconnection: false,
    forceNew: true,
  });
}

/** Resolves on "connect", rejects with the connect_error message. */
export function connected(socket: TestSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", (err) => reject(err));
  });
}

export function nextEvent<E extends keyof ServerToClientEvents>(
  socket: TestSocket,
  event: E,
  timeoutMs = 5000,
): Promise<Parameters<ServerToClientEvents[E]>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${String(event)} within ${timeoutMs} ms`)), timeoutMs);
    socket.once(event as any, (...args: any[]) => {
      clearTimeout(timer);
      resolve(args as Parameters<ServerToClientEvents[E]>);
    });
  });
}
