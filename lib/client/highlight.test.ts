import { describe, expect, it } from "vitest";
import { highlightParts } from "./highlight";

describe("search highlights", () => {
  it("marks the start of each word a search term begins, whatever the case", () => {
    expect(highlightParts("The Zebra crossing, zebras everywhere", "zeb cross")).toEqual([
      { text: "The ", match: false },
      { text: "Zeb", match: true },
      { text: "ra ", match: false },
      { text: "cross", match: true },
      { text: "ing, ", match: false },
      { text: "zeb", match: true },
      { text: "ras everywhere", match: false },
    ]);
  });

  it("marks nothing inside words, and leaves text without terms whole", () => {
    expect(highlightParts("abracadabra", "cad")).toEqual([{ text: "abracadabra", match: false }]);
    expect(highlightParts("hello", "  ")).toEqual([{ text: "hello", match: false }]);
    expect(highlightParts("Link: https://example.com/x", "example")).toEqual([
      { text: "Link: https://", match: false },
      { text: "example", match: true },
      { text: ".com/x", match: false },
    ]);
  });
});
