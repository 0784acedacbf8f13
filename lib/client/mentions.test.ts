import { describe, expect, it } from "vitest";
import { mentionable, mentionParts, richParts } from "./mentions";

const members = new Set(["ana", "ben_2"]);

describe("mentionParts", () => {
  it("marks @username of members, whatever its letter case, keeping the text around it", () => {
    expect(mentionParts("hi @Ana and @ben_2!", members)).toEqual([
      { text: "hi " },
      { text: "@Ana", mention: "Ana" },
      { text: " and " },
      { text: "@ben_2", mention: "ben_2" },
      { text: "!" },
    ]);
    expect(mentionParts("@ana", members)).toEqual([{ text: "@ana", mention: "ana" }]);
  });

  it("ignores people who aren't members, partial names and addresses", () => {
    for (const text of ["@carol hi", "@anabel", "mail ana@ana.com", "x@ana", "@@ana", "@an"]) {
      expect(mentionParts(text, members)).toEqual([{ text }]);
    }
  });
});

describe("richParts", () => {
  it("keeps links as links and finds mentions between them", () => {
    expect(richParts("@ana see https://example.com/@ben_2 now @ben_2", members)).toEqual([
      { text: "@ana", mention: "ana" },
      { text: " see " },
      { text: "https://example.com/@ben_2", href: "https://example.com/@ben_2" },
      { text: " now " },
      { text: "@ben_2", mention: "ben_2" },
    ]);
  });

  it("is plain linkify without members", () => {
    expect(richParts("@ana www.example.org", new Set())).toEqual([
      { text: "@ana " },
      { text: "www.example.org", href: "http://www.example.org" },
    ]);
  });
});

describe("mentionable", () => {
  it("is the members' usernames, lower-cased", () => {
    const member = (username: string) => ({
      user: { id: username, username, displayName: username, about: "", avatarUrl: null },
      role: "member" as const,
      joinedAt: "",
    });
    expect([...mentionable([member("Ana"), member("ben_2")])]).toEqual(["ana", "ben_2"]);
    expect(mentionable(undefined).size).toBe(0);
  });
});
