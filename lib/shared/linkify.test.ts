import { describe, expect, it } from "vitest";
import { linkParts } from "./linkify";

describe("linkParts", () => {
  it("links http, https, bare domains and e-mail addresses, keeping the text around them", () => {
    expect(linkParts("see https://example.com/a?b=1 and www.example.org.\nmail me: a@b.co")).toEqual([
      { text: "see " },
      { text: "https://example.com/a?b=1", href: "https://example.com/a?b=1" },
      { text: " and " },
      { text: "www.example.org", href: "http://www.example.org" },
      { text: ".\nmail me: " },
      { text: "a@b.co", href: "mailto:a@b.co" },
    ]);
  });

  it("never links other schemes", () => {
    for (const text of ["javascript:alert(1)", "ftp://example.com/x", "data:text/html,<b>x</b>", "//example.com/x", "file:///etc/passwd"]) {
      expect(linkParts(text).filter((p) => p.href)).toEqual([]);
      expect(
        linkParts(text)
          .map((p) => p.text)
          .join(""),
      ).toBe(text);
    }
  });

  it("returns plain text untouched", () => {
    expect(linkParts("")).toEqual([]);
    expect(linkParts("just <b>words</b>")).toEqual([{ text: "just <b>words</b>" }]);
  });
});
