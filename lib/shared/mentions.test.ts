import { describe, expect, it } from "vitest";
import { mentionedUsernames, mentionsUser } from "./mentions";

describe("mentionedUsernames", () => {
  it("lists each mentioned username once, lower-cased, skipping links and addresses", () => {
    expect(mentionedUsernames("@Ana and @ana, @ben_2: see https://example.com/@carol or dan@example.com")).toEqual(["ana", "ben_2"]);
    expect(mentionedUsernames("no mentions here")).toEqual([]);
  });
});

describe("mentionsUser", () => {
  it("finds an @mention of the username in any letter case, but not in links, addresses or longer names", () => {
    expect(mentionsUser("see you @Ben_2!", "ben_2")).toBe(true);
    expect(mentionsUser("(@BEN_2)", "Ben_2")).toBe(true);
    expect(mentionsUser("mail ben_2@example.com", "ben_2")).toBe(false);
    expect(mentionsUser("https://example.com/@ben_2", "ben_2")).toBe(false);
    expect(mentionsUser("@ben_22 and @ben", "ben_2")).toBe(false);
    expect(mentionsUser("no mention of ben_2", "ben_2")).toBe(false);
  });
});
