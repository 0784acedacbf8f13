import { describe, expect, it } from "vitest";
import es from "@/messages/es";
import type { MessageFile } from "../contracts/messaging";
import { translator } from "../i18n/translator";
import { previewText } from "./message-preview";

const t = translator("system.preview");

const file = (extra: Partial<MessageFile> = {}): MessageFile => ({
  fileId: "f",
  mime: "application/pdf",
  size: 10,
  fileName: "plan.pdf",
  width: null,
  height: null,
  placeholder: null,
  duration: null,
  pageCount: null,
  ...extra,
});

describe("previewText", () => {
  it("says what a message carries when it has no caption", () => {
    expect(previewText(t, { type: "text", text: "hi\n  there" })).toBe("hi there");
    expect(previewText(t, { type: "image", text: "", file: file() })).toBe("Photo");
    expect(previewText(t, { type: "image", text: "Beach", file: file() })).toBe("Beach");
    expect(previewText(t, { type: "video", text: "", file: file() })).toBe("Video");
    expect(previewText(t, { type: "voice", text: "", file: file({ duration: 67.4 }) })).toBe("Voice message (1:07)");
    expect(previewText(t, { type: "document", text: "", file: file() })).toBe("plan.pdf");
    expect(previewText(t, { type: "location", text: "", location: { latitude: 1, longitude: 2, accuracy: null, name: "Home" } })).toBe(
      "Home",
    );
    expect(previewText(t, { type: "location", text: "", location: { latitude: 1, longitude: 2, accuracy: null, name: null } })).toBe(
      "Location",
    );
    expect(previewText(t, { type: "contact", text: "", contact: { userId: "u", displayName: "Ana", username: "ana" } })).toBe(
      "Contact: Ana",
    );
    expect(previewText(t, { type: "voice", text: "" })).toBe("Voice message");
    expect(previewText(t, { type: "deleted", text: "" })).toBe("This message was deleted");
    expect(previewText(t, { type: "encrypted", text: "" })).toBe("Waiting for this message…");
  });

  it("says it in the page's language", () => {
    const tEs = translator("system.preview", "es", es);
    expect(previewText(tEs, { type: "image", text: "" })).toBe("Foto");
    expect(previewText(tEs, { type: "contact", text: "", contact: { userId: "u", displayName: "Ana", username: "ana" } })).toBe(
      "Contacto: Ana",
    );
    expect(previewText(tEs, { type: "deleted", text: "" })).toBe("Se eliminó este mensaje");
  });
});
