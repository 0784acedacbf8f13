// A stand-in for the crypto device and encrypted messages, for tests of what the browser does with them
// (message-opener.test.ts, local-search.test.ts). Used by tests only.
import type { EncryptedContent } from "@/lib/contracts/e2ee";
import type { ChatMessage } from "@/lib/contracts/messaging";
import { DecryptFailure, type EncryptedEvent } from "@/lib/crypto/crypto-client";

/** A stand-in device: knows the plaintext of the ciphertexts it was given, once their room key "arrived". */
export function fakeDevice() {
  const clear = new Map<string, { type: string; content: Record<string, unknown> }>();
  const keys = new Set<string>();
  const listeners: ((ids: string[]) => void)[] = [];
  return {
    plain(ciphertext: string, type: string, content: Record<string, unknown>) {
      clear.set(ciphertext, { type, content });
    },
    arrive(sessionId: string) {
      keys.add(sessionId);
      for (const l of listeners) l([sessionId]);
    },
    async decrypt(_conversationId: string, event: EncryptedEvent) {
      const content = event.content as EncryptedContent;
      if (!keys.has(content.session_id)) throw new DecryptFailure(true, "no room key");
      const found = clear.get(content.ciphertext);
      if (!found) throw new DecryptFailure(false, "bad MAC");
      return { ...found, senderCurve25519Key: "k", senderDevice: "D" };
    },
    onRoomKeys(listener: (ids: string[]) => void) {
      listeners.push(listener);
      return () => {};
    },
    // No one has devices here (verification.ts watches them).
    deviceKeys: async (userIds: string[]) => Object.fromEntries(userIds.map((id) => [id, [] as string[]])),
    onDevicesChanged: (_listener: (userIds: string[]) => void) => () => {},
  };
}

export const sealed = (ciphertext: string, session = "S".repeat(43)): EncryptedContent => ({
  algorithm: "m.megolm.v1.aes-sha2",
  ciphertext,
  session_id: session,
});
export const message = (seq: number, encrypted: EncryptedContent, extra: Partial<ChatMessage> = {}): ChatMessage => ({
  id: `m${seq}`,
  clientId: `c${seq}`,
  conversationId: "c1",
  seq,
  senderId: "ben",
  type: "encrypted",
  text: "",
  createdAt: "2026-12-07T10:00:00.000Z",
  encrypted,
  ...extra,
});
