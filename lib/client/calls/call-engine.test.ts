import { describe, expect, it } from "vitest";
import type { Call, CallSignalPush, PlainSignal } from "@/lib/contracts/calls";
import type { EncryptedContent } from "@/lib/contracts/e2ee";
import type { SealedCallSignal } from "@/lib/contracts/sealed";
import { openSignal } from "./call-engine";

const offer: PlainSignal = { type: "offer", sdp: "v=0\r\n" };
const me = { userId: "ben", deviceId: "BENAAAAAAA" };
const from = { userId: "ana", deviceId: "ANAAAAAAAA" };
const call = { id: "call-1", conversationId: "chat-1" } as Call;
const sealed = { algorithm: "m.megolm.v1.aes-sha2", ciphertext: "AAAA", session_id: "AAAAAAAAAAAAAAAA" } as EncryptedContent;

/** What the device's crypto would find inside the ciphertext. */
const deps = (encrypted: boolean, inside: SealedCallSignal) => ({ encrypted: () => encrypted, open: async () => inside });

describe("a call signal from the server", () => {
  it("is used in the clear only in a chat that isn't end-to-end encrypted", async () => {
    const push: CallSignalPush = { callId: call.id, from, signal: { plain: offer } };
    expect(await openSignal(deps(false, {} as SealedCallSignal), call, push, me)).toEqual(offer);
    // The server (or someone who took it over) can't slip its own SDP into an encrypted chat's call.
    expect(await openSignal(deps(true, {} as SealedCallSignal), call, push, me)).toBeNull();
  });

  it("is used encrypted only when sealed for this call and this device", async () => {
    const push: CallSignalPush = { callId: call.id, from, signal: { encrypted: sealed } };
    expect(await openSignal(deps(true, { callId: call.id, to: me.deviceId, signal: offer }), call, push, me)).toEqual(offer);
    // Relayed into another call, or to another of my devices: refused.
    expect(await openSignal(deps(true, { callId: "call-0", to: me.deviceId, signal: offer }), call, push, me)).toBeNull();
    expect(await openSignal(deps(true, { callId: call.id, to: "BENPHONEAA", signal: offer }), call, push, me)).toBeNull();
  });

  it("fails when the crypto refuses it (not from the device the server names, replayed, no key in time)", async () => {
    const push: CallSignalPush = { callId: call.id, from, signal: { encrypted: sealed } };
    const refusing = {
      encrypted: () => true,
      open: async () => {
        throw new Error("That call signal isn't from the device it claims");
      },
    };
    await expect(openSignal(refusing, call, push, me)).rejects.toThrow("isn't from the device");
  });
});
