// Encrypted chats through the real server, with devices of the audited crypto library (its Node entry
// point): messages, edits, reactions, mentions, deletion, reports and the chat's switch to encrypted,
// and what the server refuses. Last, the proof the issue asks for: random markers sent as text, an edit,
// a reaction, a location name and a status with its photo are nowhere in the SQLite file, a PostgreSQL dump or DATA_DIR.
import { execFileSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ENCRYPTED_FILE_MIME, ENCRYPTED_FILE_NAME } from "../../lib/contracts/media";
import type { MessageUpdate } from "../../lib/contracts/message-actions";
import type { ChatMessage, ConversationSummary } from "../../lib/contracts/messaging";
import { SEALED_STATUS } from "../../lib/contracts/sealed";
import { statusRoomId } from "../../lib/contracts/status";
import type { CryptoClient } from "../../lib/crypto/crypto-client";
import { encryptFile } from "../../lib/crypto/file-cipher";
import { createUser, request, type TestSocket, type TestUser } from "../helpers/client";
import { startDevice, wasm } from "../helpers/crypto-device";
import { emptyDatabases, testDatabases } from "../helpers/databases";
import { ask, collect, online, openDirect, openToGroups, until } from "../helpers/messaging";
import { startServer } from "../helpers/server";
import { uploadEncrypted, uploadPhoto, useTestServer } from "../helpers/test-server";

const EVENT = "chatterbox.message";

/** One person on one device: their socket and their crypto library. */
interface Device {
  user: TestUser;
  socket: TestSocket;
  crypto: CryptoClient;
}

async function device(base: string, user: TestUser, socket?: TestSocket): Promise<Device> {
  return { user, socket: socket ?? (await online(base, user)), crypto: await startDevice(base, user) };
}

async function sendEncrypted(from: Device, conversationId: string, members: TestUser[], content: object, extra: object = {}) {
  const encrypted = await from.crypto.encrypt(
    conversationId,
    members.map((m) => m.userId),
    EVENT,
    content,
  );
  const ack = await ask<{ message: ChatMessage }>(from.socket, "message:send", {
    id: randomUUID(),
    conversationId,
    type: "encrypted",
    encrypted,
    ...extra,
  });
  if (!ack.ok) throw new Error(`send refused: ${JSON.stringify(ack.error)}`);
  return ack.data.message;
}

/** What `to` reads in a stored encrypted message (or an edit's or reaction's content). */
async function open(to: Device, message: Pick<ChatMessage, "conversationId" | "senderId" | "createdAt" | "id">, encrypted: unknown) {
  await to.crypto.sync();
  const clear = await to.crypto.decrypt(message.conversationId, {
    eventId: `${message.id}:${randomUUID()}`,
    senderId: message.senderId,
    sentAt: Date.parse(message.createdAt),
    content: encrypted as Record<string, unknown>,
  });
  return clear.content;
}

describe.each(testDatabases)("encrypted chats on $name", (database) => {
  const t = useTestServer(database, { DISAPPEARING_SWEEP_SECONDS: "1" });

  it("switches a chat to encrypted with its first encrypted message, and then refuses plain ones", async () => {
    const [ana, ben] = await t.people("Ana", "Ben");
    const chat = await openDirect(t.base, ana, ben);
    expect(chat.encrypted).toBe(false);
    const [a, b] = [await device(t.base, ana, await t.connectAs(ana)), await device(t.base, ben, await t.connectAs(ben))];
    const updates = collect<ConversationSummary>(b.socket, "conversation:updated");
    const arrived = collect<ChatMessage>(b.socket, "message:created");
    const plain = await ask<{ message: ChatMessage }>(a.socket, "message:send", {
      id: randomUUID(),
      conversationId: chat.id,
      text: "before",
    });
    expect(plain.ok).toBe(true);
    const sent = await sendEncrypted(a, chat.id, [ana, ben], { type: "text", text: "secret hello" });
    expect(sent).toMatchObject({ type: "encrypted", text: "", seq: 2 });
    await until(() => arrived.length === 2 && updates.some((u) => u.encrypted));
    expect(arrived[1].encrypted).toEqual(sent.encrypted);
    expect(await open(b, arrived[1], arrived[1].encrypted)).toEqual({ type: "text", text: "secret hello" });
    const summary = await request<ConversationSummary>(t.base, "GET", `/api/v1/conversations/${chat.id}`, { token: ben.token });
    expect(summary.body).toMatchObject({ encrypted: true, lastMessage: { type: "encrypted" } });
    // The chat is encrypted for good: a plain message (an old app, a bot without the library) is refused.
    const after = await ask(a.socket, "message:send", { id: randomUUID(), conversationId: chat.id, text: "in the clear" });
    expect(after).toMatchObject({ ok: false, error: { code: "bad_request", field: "type" } });
    const rest = await request(t.base, "POST", "/api/v1/messages", {
      token: ben.token,
      json: { conversationId: chat.id, id: randomUUID(), text: "hi" },
    });
    expect(rest.status).toBe(400);
    // The history before it stays as it was: readable, and not encrypted.
    const history = await request(t.base, "GET", `/api/v1/conversations/${chat.id}/messages`, { token: ben.token });
    expect(history.body.messages.map((m: ChatMessage) => m.type)).toEqual(["text", "encrypted"]);
  });

  it("edits, reacts and deletes with ciphertext only, and keeps the rules that need no content", async () => {
    const [ana, ben] = await t.people("Ana", "Ben");
    const chat = await openDirect(t.base, ana, ben);
    const [a, b] = [await device(t.base, ana, await t.connectAs(ana)), await device(t.base, ben, await t.connectAs(ben))];
    const sent = await sendEncrypted(a, chat.id, [ana, ben], { type: "text", text: "frist" });
    const ref = { conversationId: chat.id, seq: sent.seq };
    const newText = await a.crypto.encrypt(chat.id, [ana.userId, ben.userId], EVENT, { edit: sent.seq, text: "first" });
    const edited = await ask<MessageUpdate>(a.socket, "message:edit", { ...ref, encrypted: newText });
    expect(edited.ok && edited.data).toMatchObject({ type: "encrypted", encrypted: newText, editedAt: expect.any(String) });
    expect(await open(b, sent, newText)).toEqual({ edit: sent.seq, text: "first" });
    const edits = await request(t.base, "GET", `/api/v1/conversations/${chat.id}/messages/${sent.seq}/edits`, { token: ben.token });
    expect(edits.body.edits).toEqual([{ version: 1, text: "", encrypted: sent.encrypted, editedAt: expect.any(String) }]);
    // Only the sender edits, and an encrypted message only with ciphertext.
    expect(await ask(b.socket, "message:edit", { ...ref, encrypted: newText })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await ask(a.socket, "message:edit", { ...ref, text: "plain" })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await ask(a.socket, "message:edit", { ...ref })).toMatchObject({ ok: false, error: { code: "bad_request", field: "text" } });

    const thumbs = await b.crypto.encrypt(chat.id, [ana.userId, ben.userId], EVENT, { react: sent.seq, emoji: "👍" });
    const reacted = await ask<MessageUpdate>(b.socket, "message:react", { ...ref, encrypted: thumbs });
    expect(reacted.ok && reacted.data.sealedReactions).toEqual([{ userId: ben.userId, encrypted: thumbs }]);
    expect(reacted.ok && reacted.data.reactions).toBeUndefined();
    expect(await open(a, { ...sent, senderId: ben.userId }, thumbs)).toEqual({ react: sent.seq, emoji: "👍" });
    expect(await ask(b.socket, "message:react", { ...ref, emoji: "👍" })).toMatchObject({ ok: false, error: { field: "encrypted" } });
    const removed = await request<MessageUpdate>(t.base, "DELETE", `/api/v1/conversations/${chat.id}/messages/${sent.seq}/reaction`, {
      token: ben.token,
    });
    expect(removed.body.sealedReactions).toBeUndefined();

    // Forwarding is the sending app's work: the server can't copy what it can't read.
    const forwarded = await ask(a.socket, "message:forward", { from: ref, targets: [{ id: randomUUID(), conversationId: chat.id }] });
    expect(forwarded).toMatchObject({ ok: false, error: { code: "bad_request" } });
    // The app's copy into a chat that isn't encrypted (Cy has no device yet) says how often it was forwarded.
    const [cy] = await t.people("Cy");
    const plain = await openDirect(t.base, ana, cy);
    const copy = await ask<{ message: ChatMessage }>(a.socket, "message:send", {
      id: randomUUID(),
      conversationId: plain.id,
      text: "first",
      forwards: 5,
    });
    expect(copy.ok && copy.data.message).toMatchObject({ type: "text", text: "first", forwards: 5 });
    expect(
      await ask(a.socket, "message:send", {
        id: randomUUID(),
        conversationId: chat.id,
        type: "encrypted",
        encrypted: newText,
        forwards: 2,
      }),
    ).toMatchObject({ ok: false, error: { code: "bad_request", field: "forwards" } });

    const deleted = await ask<MessageUpdate>(a.socket, "message:delete", { ...ref, for: "everyone" });
    expect(deleted.ok && deleted.data).toMatchObject({ type: "deleted" });
    expect(deleted.ok && deleted.data.encrypted).toBeUndefined();
    const row = await t.db.get<{ attachment: string | null }>(
      `SELECT "attachment" FROM "Message" WHERE "conversationId" = ? AND "seq" = ?`,
      [chat.id, sent.seq],
    );
    expect(row?.attachment).toBeNull();
    const history = await t.db.all(`SELECT 1 FROM "MessageEdit" WHERE "conversationId" = ?`, [chat.id]);
    expect(history).toEqual([]);
  });

  it("carries a file: its caption and kind inside, the server checking the upload and serving it to members only", async () => {
    const [ana, ben, zed] = await t.people("Ana", "Ben", "Zed");
    const chat = await openDirect(t.base, ana, ben);
    const [a, b] = [await device(t.base, ana, await t.connectAs(ana)), await device(t.base, ben, await t.connectAs(ben))];
    const photo = await t.uploadPhoto(ana, "#336699");
    const sent = await sendEncrypted(a, chat.id, [ana, ben], { type: "image", text: "The view" }, { fileId: photo.fileId });
    expect(sent).toMatchObject({ type: "encrypted", text: "", file: { fileId: photo.fileId, mime: "image/png" } });
    expect(await open(b, sent, sent.encrypted)).toEqual({ type: "image", text: "The view" });
    const download = (user: TestUser) => request(t.base, "GET", `/api/v1/media/${photo.fileId}`, { token: user.token });
    expect((await download(ben)).status).toBe(200);
    expect((await download(zed)).status).toBe(404);
    // Someone else's upload, and a duration beside the ciphertext (it goes inside), are refused.
    const other = await t.uploadPhoto(zed, "#993366");
    const encrypted = await a.crypto.encrypt(chat.id, [ana.userId, ben.userId], EVENT, { type: "image", text: "" });
    const theirs = await ask(a.socket, "message:send", {
      id: randomUUID(),
      conversationId: chat.id,
      type: "encrypted",
      encrypted,
      fileId: other.fileId,
    });
    expect(theirs).toMatchObject({ ok: false, error: { code: "forbidden", field: "fileId" } });
    const timed = await ask(a.socket, "message:send", {
      id: randomUUID(),
      conversationId: chat.id,
      type: "encrypted",
      encrypted,
      duration: 3,
    });
    expect(timed).toMatchObject({ ok: false, error: { code: "bad_request", field: "duration" } });
    // An encrypted upload (ciphertext): carried by an encrypted message, described by its size only;
    // a plain message can't carry it.
    const sealedFile = await uploadEncrypted(t.base, ana, new Blob([new Uint8Array(randomBytes(2_000))]));
    const carried = await sendEncrypted(a, chat.id, [ana, ben], { type: "image", text: "" }, { fileId: sealedFile.fileId });
    expect(carried.file).toEqual({
      fileId: sealedFile.fileId,
      mime: ENCRYPTED_FILE_MIME,
      size: 2_000,
      fileName: ENCRYPTED_FILE_NAME,
      width: null,
      height: null,
      placeholder: null,
      pageCount: null,
      duration: null,
    });
    const plainChat = await openDirect(t.base, ana, zed);
    const plain = await ask(a.socket, "message:send", {
      id: randomUUID(),
      conversationId: plainChat.id,
      type: "image",
      fileId: sealedFile.fileId,
    });
    expect(plain).toMatchObject({ ok: false, error: { code: "bad_request", field: "fileId" } });
    // Deleted for everyone: no message of the chat refers to the upload any more, so Ben can't fetch it.
    expect((await ask(a.socket, "message:delete", { conversationId: chat.id, seq: sent.seq, for: "everyone" })).ok).toBe(true);
    expect((await download(ben)).status).toBe(404);
  });

  it("removes an encrypted file's ciphertext when its message is deleted for everyone or disappears", async () => {
    const [ana, ben] = await t.people("Ana", "Ben");
    const chat = await openDirect(t.base, ana, ben);
    const a = await device(t.base, ana, await t.connectAs(ana));
    const stored = (sha256: string) =>
      readdirSync(path.join(t.dataDir, "media"), { recursive: true }).some((f) => String(f).endsWith(sha256));
    const sendFile = async () => {
      const upload = await uploadEncrypted(t.base, ana, new Blob([new Uint8Array(randomBytes(3_000))]), "document");
      const sent = await sendEncrypted(a, chat.id, [ana, ben], { type: "document", text: "" }, { fileId: upload.fileId });
      expect(stored(upload.sha256)).toBe(true);
      return { sent, sha256: upload.sha256 as string };
    };
    const deleted = await sendFile();
    expect((await ask(a.socket, "message:delete", { conversationId: chat.id, seq: deleted.sent.seq, for: "everyone" })).ok).toBe(true);
    await until(() => !stored(deleted.sha256));

    const timer = await request(t.base, "PUT", `/api/v1/conversations/${chat.id}/disappearing`, {
      token: ana.token,
      json: { seconds: 86_400 },
    });
    expect(timer.status).toBe(200);
    const brief = await sendFile();
    t.advance(25 * 3_600_000);
    await until(() => !stored(brief.sha256), 10_000);
  });

  it("notifies the members an encrypted message lists as mentioned, and no one else", async () => {
    const [ana, ben, cy] = await t.people("Ana", "Ben", "Cy");
    await openToGroups(t.base, ben, cy);
    const g = (
      await request<ConversationSummary>(t.base, "POST", "/api/v1/groups", {
        token: ana.token,
        json: { name: "Sealed", participants: [ben.userId, cy.userId] },
      })
    ).body;
    const a = await device(t.base, ana, await t.connectAs(ana));
    await Promise.all([startDevice(t.base, ben), startDevice(t.base, cy)]);
    await sendEncrypted(a, g.id, [ana, ben, cy], { type: "text", text: "@ben look" }, { mentions: [ben.userId, "not-a-member"] });
    const counts = async (user: TestUser) =>
      (await request<ConversationSummary>(t.base, "GET", `/api/v1/conversations/${g.id}`, { token: user.token })).body.unreadMentions;
    expect([await counts(ben), await counts(cy)]).toEqual([1, 0]);
    const plainMentions = await ask(a.socket, "message:send", {
      id: randomUUID(),
      conversationId: g.id,
      text: "x",
      mentions: [ben.userId],
    });
    expect(plainMentions).toMatchObject({ ok: false, error: { field: "mentions" } });
  });

  it("files a report of an encrypted chat with the words the reporter's app showed", async () => {
    const [ana, ben] = await t.people("Ana", "Ben");
    const chat = await openDirect(t.base, ana, ben);
    const a = await device(t.base, ana, await t.connectAs(ana));
    const b = await t.connectAs(ben);
    await startDevice(t.base, ben);
    const sent = await sendEncrypted(a, chat.id, [ana, ben], { type: "text", text: "buy my pills" });
    const filed = await ask<{ id: string }>(b, "report:create", {
      conversationId: chat.id,
      seqs: [sent.seq],
      plaintext: [{ seq: sent.seq, text: "buy my pills" }],
    });
    expect(filed.ok).toBe(true);
    const report = await t.db.get<{ messages: string }>(`SELECT "messages" FROM "Report" WHERE "id" = ?`, [filed.ok ? filed.data.id : ""]);
    expect(JSON.parse(report?.messages ?? "[]")).toMatchObject([{ seq: sent.seq, type: "text", text: "buy my pills" }]);
  });
});

/** Every file under `dir` that holds `needle` (bytes), by path. */
function filesHolding(dir: string, needle: string): string[] {
  const found: string[] = [];
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const full = path.join(at, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (readFileSync(full).includes(needle)) found.push(full);
    }
  };
  walk(dir);
  return found;
}

describe.each(emptyDatabases)("the server holds no plaintext on $name", (database) => {
  it("has no trace of markers sent as text, a caption, an edit, a reaction, a location name and a status with its file", async () => {
    const { url, drop } = await database.create();
    const dataDir = mkdtempSync(path.join(tmpdir(), "cbx-e2ee-"));
    const server = await startServer({ DATABASE_URL: url, DATA_DIR: dataDir });
    try {
      const [ana, ben] = [await createUser(server.url, "Ana"), await createUser(server.url, "Ben")];
      const chat = await openDirect(server.url, ana, ben);
      const [a, b] = [await device(server.url, ana), await device(server.url, ben)];
      const marker = (what: string) => `${what}-${randomUUID()}`;
      const markers = {
        text: marker("text"),
        caption: marker("caption"),
        edit: marker("edit"),
        reaction: marker("reaction"),
        place: marker("place"),
        status: marker("status"),
        statusFile: marker("status-file"),
      };
      const sent = await sendEncrypted(a, chat.id, [ana, ben], { type: "text", text: markers.text });
      const ref = { conversationId: chat.id, seq: sent.seq };
      const members = [ana.userId, ben.userId];
      const edited = await ask(a.socket, "message:edit", {
        ...ref,
        encrypted: await a.crypto.encrypt(chat.id, members, EVENT, { text: markers.edit }),
      });
      expect(edited.ok).toBe(true);
      const reacted = await ask(b.socket, "message:react", {
        ...ref,
        encrypted: await b.crypto.encrypt(chat.id, members, EVENT, { emoji: markers.reaction }),
      });
      expect(reacted.ok).toBe(true);
      const place = { type: "location", location: { latitude: 52.37, longitude: 4.89, accuracy: null, name: markers.place } };
      const located = await sendEncrypted(b, chat.id, [ana, ben], place);
      expect(await open(a, located, located.encrypted)).toEqual(place);
      const photo = await uploadPhoto(server.url, ana, "#224466");
      const captioned = await sendEncrypted(a, chat.id, [ana, ben], { type: "image", text: markers.caption }, { fileId: photo.fileId });
      expect(await open(b, captioned, captioned.encrypted)).toEqual({ type: "image", text: markers.caption });
      // A status, encrypted for Ana's audience, with a photo encrypted before its upload.
      const { ciphertext, key } = await encryptFile(wasm, new Blob([markers.statusFile], { type: "image/jpeg" }));
      const upload = await uploadEncrypted(server.url, ana, ciphertext);
      const statusId = randomUUID();
      const file = { key, mime: "image/jpeg", name: markers.statusFile, size: 1, width: 1, height: 1, placeholder: null };
      const sealed = { id: statusId, kind: "image", text: markers.status, background: null, font: null, file };
      const status = await request(server.url, "POST", "/api/v1/statuses", {
        token: ana.token,
        json: {
          id: statusId,
          kind: "encrypted",
          fileId: upload.fileId,
          encrypted: await a.crypto.encrypt(statusRoomId(ana.userId), members, SEALED_STATUS, sealed),
        },
      });
      expect(status.status).toBe(201);
      a.socket.close();
      b.socket.close();
      await server.stop();

      const haystacks: string[] = [];
      if (database.name === "sqlite") {
        const file = url.replace(/^file:/, "");
        haystacks.push(
          ...readdirSync(path.dirname(file)).map((name) => readFileSync(path.join(path.dirname(file), name)).toString("latin1")),
        );
      } else {
        haystacks.push(execFileSync("pg_dump", ["--data-only", url], { maxBuffer: 256 * 1024 * 1024 }).toString());
      }
      for (const value of Object.values(markers)) {
        for (const haystack of haystacks) expect(haystack.includes(value), `${value} in the database`).toBe(false);
        expect(filesHolding(dataDir, value), `${value} in DATA_DIR`).toEqual([]);
      }
      // The check can fail: the same search finds what was stored in the clear.
      expect(haystacks.some((h) => h.includes(ben.username))).toBe(true);
    } finally {
      await server.stop().catch(() => {});
      await drop();
    }
  });
});
