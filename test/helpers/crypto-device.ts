// A device with end-to-end encryption for integration tests: the crypto library's Node entry point,
// driven by lib/crypto/crypto-client.ts over the real server's REST API, exactly as the browser drives it.
import { randomUUID } from "node:crypto";
import * as wasm from "@matrix-org/matrix-sdk-crypto-wasm";
import type { ChatMessage } from "../../lib/contracts/messaging";
import { SEALED_MESSAGE } from "../../lib/contracts/sealed";
import { CryptoClient, type CryptoTransport, type CursorStore } from "../../lib/crypto/crypto-client";
import { request, type TestUser } from "./client";
import { ask, online } from "./messaging";

export { wasm };

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

/** Encrypts `text` on `crypto` for the chat's members and sends it as `user`; returns the message as stored. */
export async function sendSealed(
  base: string,
  user: TestUser,
  crypto: CryptoClient,
  conversationId: string,
  members: TestUser[],
  text: string,
): Promise<ChatMessage> {
  const encrypted = await crypto.encrypt(
    conversationId,
    members.map((m) => m.userId),
    SEALED_MESSAGE,
    { type: "text", text },
  );
  const socket = await online(base, user);
  const ack = await ask<{ message: ChatMessage }>(socket, "message:send", {
    id: randomUUID(),
    conversationId,
    type: "encrypted",
    encrypted,
  });
  socket.disconnect();
  if (!ack.ok) throw new Error(`send refused: ${JSON.stringify(ack.error)}`);
  return ack.data.message;
}

/** The text `crypto` reads in a stored encrypted message (as another message each time, so it can be read again). */
export async function readSealed(crypto: CryptoClient, message: ChatMessage): Promise<unknown> {
  const clear = await crypto.decrypt(message.conversationId, {
    eventId: `${message.id}:${randomUUID()}`,
    senderId: message.senderId,
    sentAt: Date.parse(message.createdAt),
    content: message.encrypted as Record<string, unknown>,
  });
  return clear.content.text;
}
