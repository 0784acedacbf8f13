import { describe, expect, it } from "vitest";
import type { SealedFile } from "@/lib/contracts/sealed";
import { SEALED_MESSAGE, SEALED_STATUS } from "@/lib/contracts/sealed";
import type { Status } from "@/lib/contracts/status";
import type { CryptoClient } from "@/lib/crypto/crypto-client";
import type { OutboxItem } from "../outbox";
import { StatusStore } from "../status-store";
import { fakeDevice, sealed } from "../test-support/fake-crypto";
import { MessageOpener } from "./message-opener";
import { quoteOfStatus, StatusSealing, type StatusSealingDeps } from "./status-sealing";

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const key: SealedFile["key"] = { chunks: [{ size: 9, k: "k".repeat(43), iv: "i".repeat(22), sha256: "h".repeat(43) }] };
const placeholder = "data:image/webp;base64,AAAA";
const thumbnail = "data:image/webp;base64,BBBBBBBB";
const encryptedStatus = (id: string, ciphertext: string, extra: Partial<Status> = {}): Status => ({
  id,
  clientId: `c-${id}`,
  userId: "ana",
  kind: "encrypted",
  text: "",
  background: null,
  font: null,
  encrypted: sealed(ciphertext),
  createdAt: "2026-12-07T10:00:00.000Z",
  expiresAt: "2026-12-08T10:00:00.000Z",
  viewed: false,
  viewCount: 0,
  ...extra,
});
const ciphertextFile = {
  fileId: "f1",
  mime: "application/vnd.chatterbox.encrypted",
  size: 100,
  fileName: "encrypted",
  width: null,
  height: null,
  placeholder: null,
  pageCount: null,
  duration: null,
};

function sealing(overrides: Partial<StatusSealingDeps> = {}) {
  const calls: { encrypt: unknown[][]; uploads: OutboxItem[] } = { encrypt: [], uploads: [] };
  const crypto = {
    encrypt: async (...args: unknown[]) => {
      calls.encrypt.push(args);
      return sealed("NEW");
    },
    encryptFile: async (file: Blob) => ({ ciphertext: new Blob([`sealed:${await file.text()}`]), key }),
  } as unknown as CryptoClient;
  const changed: { run: () => void } = { run: () => {} };
  const opener = new MessageOpener(() => changed.run());
  const statuses = new StatusSealing({
    me: "me",
    opener,
    crypto: async () => crypto,
    audience: async () => ["ben", "cy"],
    byDefault: true,
    upload: async (item) => {
      calls.uploads.push(item);
      return "f9";
    },
    ...overrides,
  });
  changed.run = () => statuses.changed();
  return { statuses, opener, calls };
}

describe("StatusSealing", () => {
  it("shows an encrypted status as Waiting until its key arrives, then as the poster made it, with what opens its file", async () => {
    const { statuses, opener } = sealing();
    const device = fakeDevice();
    const file = { key, mime: "image/jpeg", name: "beach.jpg", size: 9, width: 40, height: 30, placeholder, thumbnail };
    device.plain("PHOTO", SEALED_STATUS, { id: "c-s1", kind: "image", text: "At the beach", background: null, font: null, file });
    const store = new StatusStore("me", (s) => statuses.open(s));
    statuses.onChanged(() => store.reopen());
    store.setFeed({
      mine: [],
      updates: [
        {
          user: { id: "ana", username: "ana", displayName: "Ana", about: "", avatarUrl: null },
          statuses: [encryptedStatus("s1", "PHOTO", { file: ciphertextFile })],
          allViewed: false,
        },
      ],
    });
    expect(store.getState().updates[0].statuses[0]).toMatchObject({ kind: "encrypted", e2ee: "waiting" });
    opener.use(device);
    device.arrive("S".repeat(43));
    await settle();
    const shown = store.getState().updates[0].statuses[0];
    expect(shown).toMatchObject({
      kind: "image",
      text: "At the beach",
      e2ee: "open",
      file: { fileId: "f1", mime: "image/jpeg", fileName: "beach.jpg", size: 9, width: 40, placeholder, thumbnail },
      sealedFile: file,
    });
    // Opened for good: the same object again when the store shows its statuses again.
    store.reopen();
    expect(store.getState().updates[0].statuses[0]).toBe(shown);
    // A reply quotes it with its sharp thumbnail (the placeholder only for a status posted without one).
    expect(quoteOfStatus(shown)).toEqual({ kind: "image", text: "At the beach", background: null, font: null, thumbnail });
  });

  it("never shows content bound to another status, of another type, or failing its schema", async () => {
    const { statuses, opener } = sealing();
    const device = fakeDevice();
    device.arrive("S".repeat(43));
    device.plain("OTHER", SEALED_STATUS, { id: "c-elsewhere", kind: "text", text: "Moved here", background: null, font: null });
    device.plain("MSG", SEALED_MESSAGE, { id: "c-s2", kind: "text", text: "A message", background: null, font: null });
    device.plain("BAD", SEALED_STATUS, { id: "c-s3", kind: "html", text: "<b>", background: null, font: null });
    opener.use(device);
    const cases = [
      encryptedStatus("s1", "OTHER"),
      encryptedStatus("s2", "MSG"),
      encryptedStatus("s3", "BAD"),
      encryptedStatus("s4", "FORGED"),
    ];
    for (const s of cases) statuses.open(s);
    await settle();
    for (const s of cases) expect(statuses.open(s)).toMatchObject({ kind: "encrypted", text: "", e2ee: "failed" });
  });

  it("encrypts a text status for me and my audience, and a photo's file before its upload", async () => {
    const { statuses, calls } = sealing();
    const text = await statuses.compose("t1", { kind: "text", text: "Hello", background: "#7e57c2", font: "serif" }, () => {});
    expect(text).toEqual({ id: "t1", kind: "encrypted", encrypted: sealed("NEW") });
    expect(calls.encrypt[0]).toEqual([
      "status-me",
      ["me", "ben", "cy"],
      SEALED_STATUS,
      { id: "t1", kind: "text", text: "Hello", background: "#7e57c2", font: "serif" },
    ]);
    expect(calls.uploads).toEqual([]);

    const photo = new File(["pixels"], "beach.png", { type: "image/png" });
    const posted = await statuses.compose("p1", { kind: "image", file: photo, text: "Sea" }, () => {});
    expect(posted).toEqual({ id: "p1", kind: "encrypted", encrypted: sealed("NEW"), fileId: "f9" });
    const upload = calls.uploads[0].upload;
    expect(await upload?.sealed?.ciphertext.text()).toBe("sealed:pixels");
    expect(calls.encrypt[1][3]).toMatchObject({
      id: "p1",
      kind: "image",
      text: "Sea",
      background: null,
      font: null,
      file: { key, mime: "image/png", name: "beach.png" },
    });
  });

  it("posts as it is when statuses aren't encrypted", async () => {
    const { statuses, calls } = sealing({ byDefault: false });
    const photo = new File(["pixels"], "beach.png", { type: "image/png" });
    expect(await statuses.compose("p1", { kind: "image", file: photo, text: "Sea" }, () => {})).toEqual({
      id: "p1",
      kind: "image",
      text: "Sea",
      fileId: "f9",
    });
    expect(calls.uploads[0].upload?.sealed).toBeUndefined();
    expect(calls.encrypt).toEqual([]);
  });
});
