import { describe, expect, it } from "vitest";
import type { MessageFile } from "../contracts/messaging";
import { previewText } from "./message-preview";

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
    expect(previewText({ type: "text", text: "hi\n  there" })).toBe("hi there");
    expect(previewText({ type: "image", text: "", file: file() })).toBe("Photo");
    expect(previewText({ type: "image", text: "Beach", file: file() })).toBe("Beach");
    expect(previewText({ type: "video", text: "", file: file() })).toBe("Video");
    expect(previewText({ type: "voice", text: "", file: file({ duration: 67.4 }) })).toBe("Voice message (1:07)");
    expect(previewText({ type: "document", text: "", file: file() })).toBe("plan.pdf");
    expect(previewText({ type: "location", text: "", location: { latitude: 1, longitude: 2, accuracy: null, name: "Home" } })).toBe("Home");
    expect(previewText({ type: "location", text: "", location: { latitude: 1, longitude: 2, accuracy: null, name: null } })).toBe(
      "Location",
    );
    expect(previewText({ type: "contact", text: "", contact: { userId: "u", displayName: "Ana", username: "ana" } })).toBe("Contact: Ana");
  });
});
