import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import type { UploadKind } from "../../lib/contracts/media";
import { sniff } from "./sniff";

const dir = mkdtempSync(path.join(tmpdir(), "cbx-sniff-"));
let n = 0;
const file = (bytes: Buffer) => {
  const f = path.join(dir, `f${n++}`);
  writeFileSync(f, bytes);
  return f;
};
const png = () =>
  sharp({ create: { width: 4, height: 3, channels: 3, background: "#0a0" } })
    .png()
    .toBuffer();
// Just enough of each container's header for its signature.
const webm = Buffer.from("1a45dfa39f4286810142f7810142f2810442f381084282847765626d4287810442858102", "hex");
const mp3 = Buffer.concat([Buffer.from([0xff, 0xfb, 0x90, 0x64]), Buffer.alloc(400)]); // an MPEG-1 Layer III frame header
const pdf = Buffer.from("%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

describe("sniffing uploads from their bytes", () => {
  it("knows an image by its bytes, whatever it is called", async () => {
    expect(await sniff("image", file(await png()))).toEqual({ mime: "image/png", ext: "png" });
  });

  it("takes a WebM voice note as audio, and an MP3", async () => {
    expect((await sniff("audio", file(webm))).mime).toBe("video/webm");
    expect((await sniff("audio", file(mp3))).mime).toBe("audio/mpeg");
  });

  it("refuses bytes that aren't the kind claimed, with 415 and the formats it takes", async () => {
    const cases: [UploadKind, Buffer][] = [
      ["image", pdf],
      ["image", Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>")],
      ["video", await png()],
      ["audio", Buffer.from("just text")],
    ];
    for (const [kind, bytes] of cases) {
      await expect(sniff(kind, file(bytes))).rejects.toMatchObject({
        code: "unsupported_media_type",
        message: expect.stringMatching(/^That file isn't a supported/),
      });
    }
  });

  it("takes any document, typed by its bytes when they say", async () => {
    expect(await sniff("document", file(pdf))).toEqual({ mime: "application/pdf", ext: "pdf" });
    expect(await sniff("document", file(Buffer.from("plain notes\n")))).toEqual({ mime: "application/octet-stream", ext: null });
  });
});
