// `npx tsx bench/e2ee.ts [--members 1024] [--messages 1000] [--file-mib 64] [--file-whole]`: what end-to-end encryption costs, measured
// with the crypto library's real devices (its Node entry point, the same vodozemac as the browser's wasm)
// against the real server (production build, SQLite):
// - loading the library and making a device (keys made and published);
// - encrypting and decrypting one message on a device (lib/crypto/crypto-client.ts, as the app calls it);
// - sharing a room key with every device of a group of `--members` (fetching their devices, claiming a
//   one-time key each, Olm-encrypting the key for each, the to-device sends): wall time on the sender,
//   and the server's CPU for it; then the next message, with the key already shared;
// - encrypting and decrypting a `--file-mib` file (lib/crypto/file-cipher.ts: the library's attachments,
//   in chunks), per MiB, and how much the process's memory grew for it (`--file-whole`: for comparison, the
//   library's attachment of the whole file at once, encryption only).
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import * as wasm from "@matrix-org/matrix-sdk-crypto-wasm";
import { SEALED_MESSAGE } from "../lib/contracts/sealed";
import type { CryptoClient } from "../lib/crypto/crypto-client";
import { decryptFile, encryptFile } from "../lib/crypto/file-cipher";
import { request } from "../test/helpers/client";
import { startDevice } from "../test/helpers/crypto-device";
import { freshSqliteUrl } from "../test/helpers/databases";
import { openDirect } from "../test/helpers/messaging";
import { startServer } from "../test/helpers/server";
import { BENCH_LIMITS } from "./lib/bench";
import { mapLimit } from "./lib/limit";
import { sample } from "./lib/proc";
import { createUsers } from "./lib/setup";
import { distribution, round } from "./lib/stats";

const { values: opts } = parseArgs({
  options: {
    members: { type: "string", default: "1024" },
    messages: { type: "string", default: "1000" },
    "file-mib": { type: "string", default: "64" },
    "file-whole": { type: "boolean", default: false },
  },
});
const members = Number(opts.members);
const messages = Number(opts.messages);
const fileMiB = Number(opts["file-mib"]);

/** A file's encryption and decryption, per MiB, and the peak growth of the process's memory over the file's size. */
async function fileCosts() {
  const file = new Blob([new Uint8Array(fileMiB * 1024 * 1024).map((_, i) => i % 251)]);
  const rss = () => process.memoryUsage().rss;
  const before = rss();
  let peak = before;
  const watch = setInterval(() => (peak = Math.max(peak, rss())), 5);
  let at = performance.now();
  if (opts["file-whole"]) {
    const sealed = wasm.Attachment.encrypt(new Uint8Array(await file.arrayBuffer()));
    const size = sealed.encryptedData.byteLength;
    const encryptMs = performance.now() - at;
    clearInterval(watch);
    return {
      sizeMiB: fileMiB,
      whole: true,
      size,
      encryptMsPerMiB: round(encryptMs / fileMiB, 1),
      peakMemoryGrowthMiB: round((Math.max(peak, rss()) - before) / 1024 / 1024, 0),
    };
  }
  const { ciphertext, key } = await encryptFile(wasm, file);
  const encryptMs = performance.now() - at;
  at = performance.now();
  const clear = await decryptFile(wasm, ciphertext, key, "application/octet-stream");
  const decryptMs = performance.now() - at;
  clearInterval(watch);
  if (clear.size !== file.size) throw new Error("the file did not decrypt");
  return {
    sizeMiB: fileMiB,
    chunks: key.chunks.length,
    encryptMsPerMiB: round(encryptMs / fileMiB, 1),
    decryptMsPerMiB: round(decryptMs / fileMiB, 1),
    peakMemoryGrowthMiB: round((Math.max(peak, rss()) - before) / 1024 / 1024, 0),
  };
}

const t0 = performance.now();
await wasm.initAsync();
const loadMs = performance.now() - t0;

const server = await startServer({
  DATABASE_URL: freshSqliteUrl(),
  ...BENCH_LIMITS,
  TRUST_PROXY: "true",
  GROUP_MAX_MEMBERS: String(Math.max(members, 1024)),
});
const base = server.url;
try {
  const { users } = await createUsers(base, members);
  const asTest = users.map((u) => ({ ...u, password: "" }));
  const [owner, peer] = asTest;

  // A device: its keys made and published.
  const starts: number[] = [];
  const devices: CryptoClient[] = await mapLimit(asTest, 4, async (user) => {
    const at = performance.now();
    const device = await startDevice(base, user);
    starts.push(performance.now() - at);
    return device;
  });

  // One message on a device, and its decryption on the other's (a direct chat; its room key shared before timing).
  const chat = await openDirect(base, owner, peer);
  const pair = [owner.userId, peer.userId];
  const first = await devices[0].encrypt(chat.id, pair, SEALED_MESSAGE, { type: "text", text: "hello" });
  await devices[1].sync();
  await devices[1].decrypt(chat.id, { eventId: "warm", senderId: owner.userId, sentAt: Date.now(), content: first });
  const encryptMs: number[] = [];
  const decryptMs: number[] = [];
  let sessionId = first.session_id;
  let rotations = 0;
  for (let i = 0; i < messages; i++) {
    const text = `Message ${i}: see you at the station at eight, and bring the tickets.`;
    let at = performance.now();
    const content = await devices[0].encrypt(chat.id, pair, SEALED_MESSAGE, { type: "text", text });
    encryptMs.push(performance.now() - at);
    const event = { eventId: `m${i}`, senderId: owner.userId, sentAt: Date.now(), content };
    // Every 100 messages the room key is replaced: the receiver takes the new one from its inbox first.
    if (content.session_id !== sessionId) {
      sessionId = content.session_id;
      rotations++;
      await devices[1].sync();
    }
    at = performance.now();
    await devices[1].decrypt(chat.id, event);
    decryptMs.push(performance.now() - at);
  }

  const files = await fileCosts();

  // A group of everyone: the owner's first message shares its room key with every other device.
  for (const user of asTest.slice(1))
    await request(base, "PATCH", "/api/v1/users/me/privacy", { token: user.token, json: { groups: "everyone" } });
  const group = await request(base, "POST", "/api/v1/groups", {
    token: owner.token,
    json: { name: "Everyone", participants: asTest.slice(1).map((u) => u.userId) },
  });
  if (group.status !== 201) throw new Error(`group: ${group.status} ${JSON.stringify(group.body)}`);
  const everyone = asTest.map((u) => u.userId);
  const cpuBefore = sample(server.process.pid as number).cpuMs;
  let at = performance.now();
  const shared = await devices[0].encrypt(group.body.id, everyone, SEALED_MESSAGE, { type: "text", text: "Hello, everyone" });
  const shareMs = performance.now() - at;
  const shareServerCpuMs = sample(server.process.pid as number).cpuMs - cpuBefore;
  at = performance.now();
  await devices[0].encrypt(group.body.id, everyone, SEALED_MESSAGE, { type: "text", text: "And again" });
  const nextMs = performance.now() - at;
  // The last member's device takes its key and reads the message.
  at = performance.now();
  await devices[members - 1].sync();
  const clear = await devices[members - 1].decrypt(group.body.id, {
    eventId: "g1",
    senderId: owner.userId,
    sentAt: Date.now(),
    content: shared,
  });
  const memberReadMs = performance.now() - at;
  if (clear.content.text !== "Hello, everyone") throw new Error("the group message did not decrypt");

  console.log(
    JSON.stringify(
      {
        libraryLoadMs: round(loadMs, 1),
        deviceStartMs: distribution(starts),
        perMessage: { messages, roomKeysReplaced: rotations, encryptMs: distribution(encryptMs), decryptMs: distribution(decryptMs) },
        groupKeyShare: {
          members,
          firstMessageMs: round(shareMs, 0),
          serverCpuMs: round(shareServerCpuMs, 0),
          nextMessageMs: round(nextMs, 1),
          lastMemberSyncAndDecryptMs: round(memberReadMs, 1),
        },
        files,
      },
      null,
      2,
    ),
  );
  for (const device of devices) device.close();
} finally {
  await server.stop();
}
