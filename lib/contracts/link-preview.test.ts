import { describe, expect, it } from "vitest";
import { firstLink, LINK_IMAGE_MAX, linkPreviewRequestSchema, linkPreviewSchema, previewFitsText } from "./link-preview";
import { sendMessageSchema } from "./messaging";

const preview = { url: "https://example.com/a", title: "A page" };

describe("link preview contract", () => {
  it("finds the first http(s) link of a text, not a mailto: one", () => {
    expect(firstLink("write to ana@example.com or see example.org/x and https://b.example")).toBe("http://example.org/x");
    expect(firstLink("no links here")).toBeNull();
  });

  it("asks only for http and https links", () => {
    expect(linkPreviewRequestSchema.safeParse({ url: "https://example.com" }).success).toBe(true);
    for (const url of ["javascript:alert(1)", "file:///etc/passwd", "ftp://example.com", "not a url", ""])
      expect(linkPreviewRequestSchema.safeParse({ url }).success).toBe(false);
  });

  it("caps a preview and wants its image as a small base64 JPEG, PNG or WebP", () => {
    expect(linkPreviewSchema.parse(preview)).toEqual({ ...preview, description: "", siteName: null, image: null });
    const image = (mime: string, length = 8) =>
      linkPreviewSchema.safeParse({ ...preview, image: `data:${mime};base64,${"A".repeat(length)}` });
    expect(image("image/jpeg").success).toBe(true);
    expect(image("image/webp").success).toBe(true);
    expect(image("image/svg+xml").success).toBe(false);
    expect(image("text/html").success).toBe(false);
    expect(image("image/png", LINK_IMAGE_MAX).success).toBe(false);
    expect(linkPreviewSchema.safeParse({ ...preview, title: "x".repeat(301) }).success).toBe(false);
    expect(linkPreviewSchema.safeParse({ ...preview, title: "" }).success).toBe(false);
    expect(linkPreviewSchema.safeParse({ ...preview, extra: 1 }).success).toBe(false);
  });

  it("goes only with a text message whose text has its link", () => {
    const send = (fields: object) => sendMessageSchema.safeParse({ id: "msg-00000001", conversationId: "c1", ...fields });
    expect(send({ text: "look https://example.com/a", linkPreview: preview }).success).toBe(true);
    expect(send({ text: "look https://example.com/b", linkPreview: preview }).success).toBe(false);
    expect(send({ type: "location", location: { latitude: 1, longitude: 2 }, linkPreview: preview }).success).toBe(false);
    expect(send({ to: "u2", conversationId: undefined, statusId: "s1", text: "https://example.com/a", linkPreview: preview }).success).toBe(
      false,
    );
    expect(previewFitsText(preview, "https://example.com/a!")).toBe(true);
  });
});
