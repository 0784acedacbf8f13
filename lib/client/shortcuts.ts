// Keyboard shortcuts as WhatsApp Web's: Ctrl+Alt (⌘+⌥ on a Mac) with a key. `shortcutFor` names the one a
// key press is, for the messenger's one keydown handler; SHORTCUTS lists them for the help dialog, which
// names each by its id (messages/<locale>/shortcuts.json: "new-chat": "New chat"...).

export const SHORTCUTS = [
  { id: "new-chat", keys: ["N"] },
  { id: "new-group", keys: ["Shift", "N"] },
  { id: "search", keys: ["/"] },
  { id: "search-chat", keys: ["Shift", "F"] },
  { id: "next-chat", keys: ["Tab"] },
  { id: "previous-chat", keys: ["Shift", "Tab"] },
  { id: "archive", keys: ["E"] },
  { id: "mute", keys: ["Shift", "M"] },
  { id: "unread", keys: ["Shift", "U"] },
  { id: "pin", keys: ["Shift", "P"] },
  { id: "profile", keys: ["P"] },
  { id: "settings", keys: [","] },
  { id: "shortcuts", keys: ["K"] },
] as const;
export type Shortcut = (typeof SHORTCUTS)[number]["id"];

type KeyPress = Pick<KeyboardEvent, "key" | "code" | "ctrlKey" | "metaKey" | "altKey" | "shiftKey">;

/** The key a shortcut names, from the physical key where layouts (and Alt or Shift) change what `key` says. */
function keyOf(e: KeyPress): string {
  if (e.code === "Tab") return "Tab";
  if (e.code === "Slash") return "/";
  if (e.code === "Comma") return ",";
  if (/^Key[A-Z]$/.test(e.code)) return e.code.slice(3);
  return e.key.length === 1 ? e.key.toUpperCase() : e.key;
}

/** The shortcut a key press is (Ctrl or ⌘, with Alt), or null. */
export function shortcutFor(e: KeyPress): Shortcut | null {
  if (!(e.ctrlKey || e.metaKey) || !e.altKey) return null;
  const key = keyOf(e);
  const found = SHORTCUTS.find((s) => {
    const shift = s.keys.length === 2;
    return shift === e.shiftKey && s.keys[s.keys.length - 1] === key;
  });
  return found?.id ?? null;
}

/** The modifier keys' names on this device: ⌘ ⌥ on a Mac, Ctrl Alt elsewhere. */
export function modifierNames(platform: string): [string, string] {
  return /Mac|iPhone|iPad/.test(platform) ? ["⌘", "⌥"] : ["Ctrl", "Alt"];
}
