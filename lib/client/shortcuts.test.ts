import { describe, expect, it } from "vitest";
import { modifierNames, shortcutFor } from "./shortcuts";

const press = (code: string, key: string, mods: { ctrl?: boolean; meta?: boolean; alt?: boolean; shift?: boolean } = {}) => ({
  code,
  key,
  ctrlKey: mods.ctrl ?? false,
  metaKey: mods.meta ?? false,
  altKey: mods.alt ?? false,
  shiftKey: mods.shift ?? false,
});

describe("keyboard shortcuts", () => {
  it("need Ctrl (or ⌘) with Alt, and tell Shift apart", () => {
    expect(shortcutFor(press("KeyN", "n", { ctrl: true, alt: true }))).toBe("new-chat");
    expect(shortcutFor(press("KeyN", "N", { ctrl: true, alt: true, shift: true }))).toBe("new-group");
    expect(shortcutFor(press("KeyN", "n", { meta: true, alt: true }))).toBe("new-chat");
    expect(shortcutFor(press("KeyN", "n", { ctrl: true }))).toBeNull();
    expect(shortcutFor(press("KeyN", "n", { alt: true }))).toBeNull();
    expect(shortcutFor(press("KeyQ", "q", { ctrl: true, alt: true }))).toBeNull();
  });

  it("read the physical key, whatever Alt or the layout makes of it", () => {
    // ⌥+E on a Mac types "´"; Ctrl+Alt+/ on a German layout says "Dead" or another character.
    expect(shortcutFor(press("KeyE", "´", { meta: true, alt: true }))).toBe("archive");
    expect(shortcutFor(press("Slash", "Dead", { ctrl: true, alt: true }))).toBe("search");
    expect(shortcutFor(press("Tab", "Tab", { ctrl: true, alt: true, shift: true }))).toBe("previous-chat");
    expect(shortcutFor(press("Comma", ",", { ctrl: true, alt: true }))).toBe("settings");
  });

  it("name the modifiers as the platform does", () => {
    expect(modifierNames("MacIntel")).toEqual(["⌘", "⌥"]);
    expect(modifierNames("Linux x86_64")).toEqual(["Ctrl", "Alt"]);
  });
});
