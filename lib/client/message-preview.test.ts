import { describe, expect, it } from "vitest";
import { translator } from "../i18n/translator";
import { previewText } from "../shared/message-preview";
import { draftType, pendingContent } from "./message-preview";

describe("previewText", () => {
  it("describes a pending upload from its local file", () => {
    const blob = new Blob(["abc"], { type: "audio/webm" });
    const content = pendingContent({
      id: "x",
      text: "",
      type: "voice",
      upload: { blob, fileName: "v.webm", kind: "audio" },
      duration: 3,
      createdAt: 1,
      attempts: 0,
    });
    expect(content.file).toMatchObject({ mime: "audio/webm", size: 3, fileName: "v.webm", duration: 3 });
    expect(previewText(translator("system.preview"), content)).toBe("Voice message (0:03)");
  });
});

describe("draftType", () => {
  it("sends what the browser can show inline as such, everything else as a document", () => {
    expect(draftType(new Blob([], { type: "image/png" }))).toBe("image");
    expect(draftType(new Blob([], { type: "image/heic" }))).toBe("document");
    expect(draftType(new Blob([], { type: "video/mp4" }))).toBe("video");
    expect(draftType(new Blob([], { type: "audio/mpeg" }))).toBe("audio");
    expect(draftType(new Blob([], { type: "application/zip" }))).toBe("document");
    expect(draftType(new Blob([], { type: "image/png" }), true)).toBe("document");
  });
});
