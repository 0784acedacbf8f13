import { describe, expect, it } from "vitest";
import { mentionParts, richParts, withMentionNames } from "../shared/mentions";
import { mentionable, mentionQuery, mentionSuggestions, namesOf } from "./mentions";

const members = new Map([
  ["ana", "Ana Silva"],
  ["ben_2", "Ben"],
]);

describe("mentionParts", () => {
  it("shows @username of members by their name, whatever its letter case, keeping the text around it", () => {
    expect(mentionParts("hi @Ana and @ben_2!", members)).toEqual([
      { text: "hi " },
      { text: "@Ana Silva", mention: "Ana" },
      { text: " and " },
      { text: "@Ben", mention: "ben_2" },
      { text: "!" },
    ]);
    expect(mentionParts("@ana", members)).toEqual([{ text: "@Ana Silva", mention: "ana" }]);
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
      { text: "@Ana Silva", mention: "ana" },
      { text: " see " },
      { text: "https://example.com/@ben_2", href: "https://example.com/@ben_2" },
      { text: " now " },
      { text: "@Ben", mention: "ben_2" },
    ]);
  });

  it("is plain linkify without members", () => {
    expect(richParts("@ana www.example.org", new Map())).toEqual([
      { text: "@ana " },
      { text: "www.example.org", href: "http://www.example.org" },
    ]);
  });
});

const member = (username: string, displayName = username) => ({
  user: { id: username, username, displayName, about: "", avatarUrl: null },
  role: "member" as const,
  joinedAt: "",
});

describe("mentionable", () => {
  it("is the members' usernames, lower-cased, with their names", () => {
    expect([...mentionable([member("Ana", "Ana Silva"), member("ben_2")])]).toEqual([
      ["ana", "Ana Silva"],
      ["ben_2", "ben_2"],
    ]);
    expect(mentionable(undefined).size).toBe(0);
  });
});

describe("mention autocomplete", () => {
  it("knows when a mention is being typed at the caret, and not in an address or a word", () => {
    expect(mentionQuery("hi @ci")).toEqual({ query: "ci", start: 3 });
    expect(mentionQuery("@")).toEqual({ query: "", start: 0 });
    expect(mentionQuery("mail ana@ex")).toBeNull();
    expect(mentionQuery("@cid done")).toBeNull();
  });

  it("suggests members by the start of any word of their name, or of their username, never me", () => {
    const people = [member("cid_l", "Cid Lima"), member("ana", "Ana Lima"), member("me", "Me Myself")];
    expect(mentionSuggestions(people, "me", "li").map((m) => m.user.username)).toEqual(["cid_l", "ana"]);
    expect(mentionSuggestions(people, "me", "cid_").map((m) => m.user.username)).toEqual(["cid_l"]);
    expect(mentionSuggestions(people, "me", "").map((m) => m.user.username)).toEqual(["cid_l", "ana"]);
    expect(mentionSuggestions(people, "me", "zz")).toEqual([]);
  });
});

describe("withMentionNames", () => {
  it("names the people mentioned in a preview, and leaves everything else as written", () => {
    const names = namesOf({ a: { username: "cid_l", displayName: "Cid Lima" } });
    expect(withMentionNames("hi @cid_l, see https://x.org/@cid_l and @nobody", names)).toBe(
      "hi @Cid Lima, see https://x.org/@cid_l and @nobody",
    );
  });
});
