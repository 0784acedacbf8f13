// The protocol version (docs/api.md#protocol-versions): a client speaking a version the server doesn't
// accept is refused, over Socket.IO with the connect_error "update_required" and over REST with 426, both
// naming the accepted range; the current version and no version at all (version 1) are accepted.
import { io } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from "../../lib/contracts/protocol";
import { createUser, request, type TestSocket, type TestUser } from "../helpers/client";
import { freshSqliteUrl } from "../helpers/databases";
import { type RunningServer, startServer } from "../helpers/server";

const refusal = {
  code: "update_required",
  message: "This version of Chatterbox is out of date. Reload to update it.",
  key: "validation.protocol.updateRequired",
  supported: { min: 1, max: PROTOCOL_VERSION },
};

describe("the protocol version", () => {
  let server: RunningServer;
  let base: string;
  let user: TestUser;

  beforeAll(async () => {
    server = await startServer({ DATABASE_URL: freshSqliteUrl() });
    base = server.url;
    user = await createUser(base, "Ana");
  });
  afterAll(async () => {
    await server?.stop();
  });

  /** Connects with `auth` and settles with how the handshake ended. */
  function handshake(auth: Record<string, unknown>) {
    const socket: TestSocket = io(base, { transports: ["websocket"], auth, reconnection: false, forceNew: true });
    return new Promise<{ connected: true } | { connected: false; message: string; data: unknown; active: boolean }>((resolve) => {
      socket.once("connect", () => resolve({ connected: true }));
      socket.once("connect_error", (err: Error & { data?: unknown }) =>
        resolve({ connected: false, message: err.message, data: err.data, active: socket.active }),
      );
    }).finally(() => socket.close());
  }

  it("refuses a socket handshake with an old, future or malformed version, for good, before looking at the session", async () => {
    for (const protocol of [0, PROTOCOL_VERSION + 1, "one", -1, 1.5]) {
      expect(await handshake({ token: user.token, protocol })).toEqual({
        connected: false,
        message: "update_required",
        data: refusal,
        active: false,
      });
    }
    // The version is checked first: an outdated app without a valid session is still told to update.
    expect(await handshake({ token: "cbx_forged", protocol: 0 })).toMatchObject({ message: "update_required" });
  });

  it("accepts the current version, and a handshake that names none (version 1)", async () => {
    expect(await handshake({ token: user.token, protocol: PROTOCOL_VERSION })).toEqual({ connected: true });
    expect(await handshake({ token: user.token })).toEqual({ connected: true });
  });

  it("answers a REST call with an unsupported version 426 update_required, signed in or not", async () => {
    for (const path of ["/api/v1/users/me", "/api/v1/system/health", "/api/v1/messages"]) {
      const res = await request(base, "GET", path, { token: user.token, headers: { [PROTOCOL_HEADER]: "0" } });
      expect(res.status).toBe(426);
      expect(res.body).toEqual({ error: refusal });
      expect(res.headers.get("cache-control")).toBe("no-store");
    }
    const future = await request(base, "POST", "/api/v1/messages", {
      token: user.token,
      headers: { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION + 1) },
      json: { id: "protocol-test-1", to: user.userId, text: "hi" },
    });
    expect(future.status).toBe(426);
  });

  it("serves REST calls that send the current version, or none", async () => {
    const current = await request(base, "GET", "/api/v1/users/me", {
      token: user.token,
      headers: { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
    });
    expect(current.status).toBe(200);
    expect(current.body).toMatchObject({ id: user.userId });
    expect((await request(base, "GET", "/api/v1/users/me", { token: user.token })).status).toBe(200);
  });
});
