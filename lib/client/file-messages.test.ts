// The outbox with file messages: the file is uploaded first (with progress, cancellable, resumable across a
// reload), then the message is sent like text, in order with the others.
import { describe, expect, it, vi } from "vitest";
import { memoryStore } from "./outbox";
import { UploadRefused } from "./outbox-flush";
import { settle, setUpEngineHarness } from "./test-support/engine-harness";

const harness = setUpEngineHarness();
const sends = () => harness().sent();
const photo = () => new Blob([new Uint8Array([0xff, 0xd8, 0xff])], { type: "image/jpeg" });

async function online() {
  const device = harness().device();
  device.transport.setOnline(true);
  await settle();
  return device;
}

describe("file messages", () => {
  it("uploads the file with progress, then sends the message with its file id, and the text after it waits its turn", async () => {
    const { engine, state } = await online();
    await engine.sendAttachment("c1", { type: "image", file: photo(), fileName: "beach.jpg", caption: " The beach " });
    await engine.send("c1", "and then this");
    await settle();
    const [call] = harness().uploads;
    expect(call.item.upload).toMatchObject({ fileName: "beach.jpg", kind: "image" });
    call.events.progress(0.4);
    expect(state().pending[0]).toMatchObject({ type: "image", text: "The beach", progress: 0.4 });
    expect(sends()).toEqual([]);

    call.finish("file-1");
    await settle();
    expect(sends().map(({ type, fileId, text }) => [type, fileId, text])).toEqual([
      ["image", "file-1", "The beach"],
      [undefined, undefined, "and then this"],
    ]);
    expect(state().messages.c1.map((m) => [m.type, m.file?.fileId])).toEqual([
      ["image", "file-1"],
      ["text", undefined],
    ]);
    expect(state().pending).toEqual([]);
  });

  it("sends a voice note's duration, a location and a contact card", async () => {
    const { engine } = await online();
    await engine.sendAttachment("c1", { type: "voice", file: photo(), fileName: "voice.webm", duration: 4.2 });
    await settle();
    harness().uploads[0].finish("voice-1");
    await engine.sendAttachment("c1", { type: "location", location: { latitude: 1.5, longitude: 2.5, accuracy: 10, name: null } });
    await engine.sendAttachment("c1", { type: "contact", contact: { userId: "bob", displayName: "Bob", username: "bob" } });
    await settle();
    expect(sends().map(({ id: _id, conversationId: _c, ...rest }) => rest)).toEqual([
      { type: "voice", text: "", fileId: "voice-1", duration: 4.2 },
      { type: "location", text: "", location: { latitude: 1.5, longitude: 2.5, accuracy: 10, name: null } },
      { type: "contact", text: "", contact: { userId: "bob" } },
    ]);
  });

  it("drops a message whose upload the server refuses, says why, and goes on with the next", async () => {
    const { engine, state } = await online();
    await engine.sendAttachment("c1", { type: "video", file: photo(), fileName: "big.mp4", caption: "too big" });
    await engine.send("c1", "next");
    await settle();
    harness().uploads[0].fail(new UploadRefused("Photos, videos and audio can be at most 16 MB"));
    await settle();
    expect(state().rejected).toMatchObject({ text: "too big", reason: "Photos, videos and audio can be at most 16 MB" });
    expect(sends().map((s) => s.text)).toEqual(["next"]);
  });

  it("retries a failed upload later, resuming at the URL the server gave it", async () => {
    const { engine } = await online();
    await engine.sendAttachment("c1", { type: "document", file: photo(), fileName: "plan.pdf" });
    await settle();
    harness().uploads[0].events.created("/api/v1/media/uploads/abc");
    harness().uploads[0].fail(new Error("network down"));
    await settle();
    expect(harness().uploads).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(harness().uploads[1].item.upload?.uploadUrl).toBe("/api/v1/media/uploads/abc");
  });

  it("cancels an upload: it stops, nothing is sent, and the next message goes", async () => {
    const { engine, state } = await online();
    await engine.sendAttachment("c1", { type: "image", file: photo(), fileName: "oops.jpg" });
    await engine.send("c1", "never mind");
    await settle();
    const id = state().pending[0].id;
    await engine.cancel(id);
    await settle();
    expect(harness().uploads[0].signal.aborted).toBe(true);
    expect(sends().map((s) => s.text)).toEqual(["never mind"]);
    expect(state().pending).toEqual([]);
    expect(state().rejected).toBeNull();
  });

  it("resumes an upload after a reload, from the stored file and upload URL", async () => {
    const storage = memoryStore();
    const first = harness().device(storage);
    first.transport.setOnline(true);
    await settle();
    await first.engine.sendAttachment("c1", { type: "image", file: photo(), fileName: "beach.jpg" });
    await settle();
    harness().uploads[0].events.created("/api/v1/media/uploads/xyz");
    first.stop();
    expect(harness().uploads[0].signal.aborted).toBe(true);

    const reloaded = harness().device(storage);
    reloaded.transport.setOnline(true);
    await settle();
    const resumed = harness().uploads[1];
    expect(resumed.item.upload).toMatchObject({ fileName: "beach.jpg", uploadUrl: "/api/v1/media/uploads/xyz" });
    resumed.finish("file-9");
    await settle();
    expect(sends().map((s) => s.fileId)).toEqual(["file-9"]);
  });
});
