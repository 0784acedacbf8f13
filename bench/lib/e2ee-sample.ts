// A real Megolm ciphertext of a short message, made once by the crypto library (its Node entry point), for
// scenarios that measure what the server does with encrypted messages: it stores and relays them without
// opening them, so one sample sent again and again costs it what fresh ones would.
import * as wasm from "@matrix-org/matrix-sdk-crypto-wasm";
import { cryptoRoomId } from "../../lib/contracts/e2ee";
import { SEALED_MESSAGE } from "../../lib/contracts/sealed";

export async function sampleCiphertext(): Promise<object> {
  await wasm.initAsync();
  const machine = await wasm.OlmMachine.initialize(new wasm.UserId("@bench:chatterbox"), new wasm.DeviceId("BENCHDEVICE"));
  const room = () => new wasm.RoomId(cryptoRoomId("bench"));
  await machine.shareRoomKey(room(), [], new wasm.EncryptionSettings());
  const content = JSON.parse(await machine.encryptRoomEvent(room(), SEALED_MESSAGE, JSON.stringify({ type: "text", text: "tick" })));
  machine.close();
  return content;
}
