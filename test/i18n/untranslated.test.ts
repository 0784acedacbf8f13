// Every word the UI shows comes from the message catalogs (messages/<locale>/), so every language is
// complete: a string written into components/ or a page fails here with its file and line.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findingsInSource, untranslatedText } from "./untranslated";

const root = path.resolve(import.meta.dirname, "../..");

describe("UI text", () => {
  it("is all in the catalogs", () => {
    expect(untranslatedText(root).map((f) => `${f.file}:${f.line} ${JSON.stringify(f.text)}`)).toEqual([]);
  });
});

describe("the untranslated-text checker", () => {
  it("finds JSX text, spoken attributes and prose literals, and skips what isn't shown", () => {
    const found = findingsInSource(
      "example.tsx",
      `"use client";
      import { x } from "./Some Module";
      const LABELS = { mute: "Mute chat" };
      export function A({ t }: { t: (k: string) => string }) {
        if (event.key === "Escape") return null;
        return (
          <div className="flex items-center gap-2 dark:bg-[#111]" data-state="Open now">
            Hello there
            <button aria-label="Close" title={t("close")} type="button" />
            <input placeholder={"Search chats"} />
            {t("some.key")}
            {notify("Chat cleared")}
            <span>Chatterbox</span>
            <span>{" · "}</span>
          </div>
        );
      }`,
    );
    expect(found.map((f) => f.text)).toEqual(["Mute chat", "Hello there", "Close", "Search chats", "Chat cleared"]);
  });
});
