// Messages that carry files, locations and contacts, against the real server: they take the same send path
// as text (REST and Socket.IO), a file goes only to those who may see it, and a sender can't send a file
// they were never given.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiErrorBody } from "../../lib/contracts/errors";
import type { UploadedFile } from "../../lib/contracts/media";
import type { ChatMessage, ConversationSummary, SendMessage } from "../../lib/contracts/messaging";
import { connect, connected, createUser, nextEvent, request, type TestUser } from "../helpers/client";
import { testDatabases } from "../helpers/databases";
import { openToGroups } from "../helpers/messaging";
import { type RunningServer, startServer } from "../helpers/server";

describe.each(testDatabases)("media messages on $name", (database) => {
  let server: RunningServer;
  let ana: TestUser;
  let ben: TestUser;
  let cid: TestUser;
  let photo: Buffer;
  let n = 0;

  beforeAll(async () => {
    server = await startServer({ DATABASE_URL: database.url(), DATA_DIR: mkdtempSync(path.join(tmpdir(), "cbx-media-msg-")) });
    [ana, ben, cid] = await Promise.all(["Ana", "Ben", "Cid"].map((name) => createUser(server.url, name)));
    photo = await sharp({ create: { width: 120, height: 80, channels: 3, background: "#c63" } })
      .jpeg()
      .toBuffer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  async function upload(user: TestUser, fileType: string, bytes: Buffer, name: string): Promise<UploadedFile> {
    const body = new FormData();
    body.append("file_type", fileType);
    body.append("file", new Blob([new Uint8Array(bytes)]), name);
    const res = await request<UploadedFile>(server.url, "POST", "/api/v1/media", { token: user.token, body });
    expect(res.status).toBe(201);
    return res.body;
  }
  const send = (user: TestUser, message: Omit<SendMessage, "id">) =>
    request<{ message: ChatMessage; error: ApiErrorBody }>(server.url, "POST", "/api/v1/messages", {
      token: user.token,
      json: { id: `media-msg-${++n}`, ...message },
    });
  const download = (user: TestUser, fileId: string, thumbnail = false) =>
    fetch(`${server.url}/api/v1/media/${fileId}${thumbnail ? "/thumbnail" : ""}`, { headers: { authorization: `Bearer ${user.token}` } });
  const history = async (user: TestUser, conversationId: string) =>
    (await request(server.url, "GET", `/api/v1/conversations/${conversationId}/messages`, { token: user.token })).body
      .messages as ChatMessage[];

  it("sends a photo with a caption that the receiver sees, downloads and can forward; nobody else can fetch it", async () => {
    const file = await upload(ana, "image", photo, "beach.jpg");
    expect((await download(ben, file.fileId)).status).toBe(404);

    const sent = await send(ana, { to: ben.userId, type: "image", fileId: file.fileId, text: "The beach" });
    expect(sent.status).toBe(201);
    const expected = {
      type: "image",
      text: "The beach",
      file: { fileId: file.fileId, mime: "image/jpeg", size: photo.length, fileName: "beach.jpg", width: 120, height: 80, duration: null },
    };
    expect(sent.body.message).toMatchObject(expected);
    expect(sent.body.message.file?.placeholder).toMatch(/^data:image\/webp;base64,/);
    expect((await history(ben, sent.body.message.conversationId)).at(-1)).toMatchObject(expected);

    const got = await download(ben, file.fileId);
    expect(got.status).toBe(200);
    expect(Buffer.from(await got.arrayBuffer()).equals(photo)).toBe(true);
    expect((await download(ben, file.fileId, true)).status).toBe(200);
    expect((await download(cid, file.fileId)).status).toBe(404);
    expect((await download(cid, file.fileId, true)).status).toBe(404);

    // Cid was never given the file: he can't send it. Ben was, so he can forward it, and then Cid has it too.
    const stolen = await send(cid, { to: ben.userId, type: "image", fileId: file.fileId });
    expect(stolen.status).toBe(403);
    expect(stolen.body.error.message).toBe("You can't send that file: upload it first");
    const forwarded = await send(ben, { to: cid.userId, type: "image", fileId: file.fileId });
    expect(forwarded.status).toBe(201);
    expect(forwarded.body.message.text).toBe("");
    expect((await download(cid, file.fileId)).status).toBe(200);
  });

  it("keeps a file from group members who joined after it was sent", async () => {
    const twoPages = "%PDF-1.4\n2 0 obj << /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >> endobj\n%%EOF\n";
    const file = await upload(ana, "document", Buffer.from(twoPages), "plan.pdf");
    expect(file).toMatchObject({ mime: "application/pdf", pageCount: 2 });
    await openToGroups(server.url, ben, cid);
    const group = await request<ConversationSummary>(server.url, "POST", "/api/v1/groups", {
      token: ana.token,
      json: { name: "Trip", participants: [ben.userId] },
    });
    const sent = await send(ana, { conversationId: group.body.id, type: "document", fileId: file.fileId, text: "The plan" });
    expect(sent.body.message.file).toMatchObject({ fileName: "plan.pdf", pageCount: 2 });
    await request(server.url, "POST", `/api/v1/groups/${group.body.id}/members`, { token: ana.token, json: { userId: cid.userId } });
    expect((await download(ben, file.fileId)).status).toBe(200);
    expect((await download(cid, file.fileId)).status).toBe(404);
  });

  it("sends over Socket.IO like text: acked once stored, pushed to the receiver with the file", async () => {
    const voice = await upload(ana, "audio", webmHeader, "voice.webm");
    const [a, b] = [connect(server.url, { token: ana.token }), connect(server.url, { token: ben.token })];
    try {
      await Promise.all([connected(a), connected(b)]);
      const pushed = nextEvent(b, "message:created");
      const ack = await a.emitWithAck("message:send", {
        id: "voice-note-1",
        to: ben.userId,
        type: "voice",
        fileId: voice.fileId,
        duration: 3.2,
      });
      expect(ack.ok).toBe(true);
      const [message] = await pushed;
      expect(message).toMatchObject({ type: "voice", file: { fileId: voice.fileId, duration: 3.2 } });
    } finally {
      a.close();
      b.close();
    }
  });

  it("shares a location and a contact card", async () => {
    const place = await send(ana, { to: ben.userId, type: "location", location: { latitude: 48.8584, longitude: 2.2945, accuracy: 12 } });
    expect(place.status).toBe(201);
    expect(place.body.message).toMatchObject({
      type: "location",
      location: { latitude: 48.8584, longitude: 2.2945, accuracy: 12, name: null },
    });
    const card = await send(ana, { to: ben.userId, type: "contact", contact: { userId: cid.userId } });
    expect(card.body.message).toMatchObject({
      type: "contact",
      contact: { userId: cid.userId, displayName: "Cid", username: cid.username },
    });
    expect((await history(ben, card.body.message.conversationId)).slice(-2).map((m) => m.type)).toEqual(["location", "contact"]);
  });

  it("refuses messages whose attachment doesn't fit their type, with the reason", async () => {
    const file = await upload(ana, "image", photo, "p.jpg");
    const cases: [Omit<SendMessage, "id">, number, string][] = [
      [{ to: ben.userId, type: "image" }, 400, "A image message needs the fileId of an upload"],
      [{ to: ben.userId, type: "video", fileId: file.fileId }, 400, "That file was uploaded as an image: it can't be sent as video"],
      [{ to: ben.userId, text: "hi", fileId: file.fileId }, 400, "fileId only goes with a file message"],
      [{ to: ben.userId, type: "location", location: { latitude: 91, longitude: 0 } }, 400, "latitude must be between -90 and 90"],
      [{ to: ben.userId, type: "contact", contact: { userId: "nobody-at-all" } }, 400, "That contact doesn't exist"],
      [{ to: ben.userId, type: "image", fileId: "00000000-0000-0000-0000-000000000000" }, 403, "You can't send that file: upload it first"],
      [{ to: ben.userId, type: "sticker" as "text", text: "x" }, 400, "type must be one of"],
    ];
    for (const [message, status, reason] of cases) {
      const res = await send(ana, message);
      expect([res.status, res.body.error.message]).toEqual([status, expect.stringContaining(reason)]);
    }
  });
});

/** The start of a WebM file (what Chromium's MediaRecorder writes): enough for the server to type it as audio. */
const webmHeader = Buffer.from("1a45dfa39f4286810142f7810142f2810442f381084282847765626d4287810442858102", "hex");
