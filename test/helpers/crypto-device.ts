// A device with end-to-end encryption for integration tests: the crypto library's Node entry point,
// driven by lib/crypto/crypto-client.ts over the real server's REST API, exactly as the browser drives it.
import * as wasm from "@matrix-org/matrix-sdk-crypto-wasm";

export { wasm };

import { CryptoClient, type CryptoTransport, type CursorStore } from "../../lib/crypto/crypto-client";
import { request, type TestUser } from "./client";

/** Calls the API with the device's token; a non-2xx answer throws with its status and body. */
export const tokenTransport =
  (base: string, token: string): CryptoTransport =>
  async (method, path, body) => {
    const res = await request(base, method, path, { token, json: body });
    if (res.status < 200 || res.status > 299)
      throw Object.assign(new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`), { status: res.status });
    return res.body;
  };

export const memoryCursors = (): CursorStore => {
  const values = new Map<string, number>();
  return { get: async (name) => values.get(name) ?? null, set: async (name, value) => void values.set(name, value) };
};

/** Another device (an API token: its own session) of the same user. */
export async function newDevice(base: string, user: TestUser): Promise<TestUser> {
  const res = await request(base, "POST", "/api/v1/auth/token", { json: { username: user.username, password: user.password } });
  if (res.status !== 200) throw new Error(`token failed: ${res.status}`);
  return { ...user, token: res.body.token };
}

/** Starts the user's (token's) device: keys created in memory and uploaded. */
export const startDevice = (base: string, user: TestUser) =>
  CryptoClient.start(wasm, tokenTransport(base, user.token), { cursors: memoryCursors() });
