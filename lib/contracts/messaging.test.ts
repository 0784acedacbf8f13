import { describe, expect, it } from "vitest";
import { type ChatMessage, quoteOf } from "./messaging";

const photo = {
  fileId: "f1",
  mime: "image/jpeg",
  size: 9,
  fileName: "beach.jpg",
  width: 40,
  height: 30,
  placeholder: "data:image/webp;base64,AAAA",
  pageCount: null,
  duration: null,
};
const message = (file: ChatMessage["file"]) => ({ seq: 7, senderId: "ana", type: "image", text: "At the beach", file }) as ChatMessage;

describe("quoteOf", () => {
  it("quotes a photo stored in the clear with its placeholder (the server has its thumbnail)", () => {
    expect(quoteOf(message(photo)).file).toEqual({
      fileId: "f1",
      fileName: "beach.jpg",
      mime: "image/jpeg",
      duration: null,
      placeholder: photo.placeholder,
    });
  });

  it("quotes an encrypted photo with the thumbnail from inside its message, in place of the placeholder", () => {
    const thumbnail = "data:image/webp;base64,BBBBBBBB";
    expect(quoteOf(message({ ...photo, thumbnail })).file).toEqual({
      fileId: "f1",
      fileName: "beach.jpg",
      mime: "image/jpeg",
      duration: null,
      placeholder: null,
      thumbnail,
    });
  });
});
