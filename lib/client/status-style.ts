// How a text status looks: each background's name (for the colour buttons' accessible names) and each
// font's CSS. The lists themselves are the contract's (lib/contracts/status.ts), checked by the server.
// The names are the catalog's (messages/<locale>/system.json, "status": `backgrounds.<id>`, `fonts.<font>`).
import type { CSSProperties } from "react";
import type { StatusBackground, StatusFont, StatusKind } from "@/lib/contracts/status";
import type { Translator } from "@/lib/i18n/catalog";

/** The status screens' words (messages/<locale>/system.json, "status"). */
export type StatusText = Translator<"system.status">;

/** Each background's name, as the id of its catalog message (`backgrounds.<id>`: "Teal", "Slate"...). */
export const BACKGROUND_NAMES = {
  "#128c7e": "teal",
  "#54656f": "slate",
  "#7e57c2": "purple",
  "#c2185b": "rose",
  "#e4572e": "orange",
  "#d4a017": "mustard",
  "#2e7d32": "green",
  "#1565c0": "blue",
} as const satisfies Record<StatusBackground, string>;

/** Each font's CSS; its name is the catalog's `fonts.<font>` ("Sans", "Typewriter"...). */
export const FONTS: Record<StatusFont, { style: CSSProperties }> = {
  sans: { style: { fontFamily: "inherit" } },
  serif: { style: { fontFamily: "Georgia, 'Times New Roman', serif" } },
  mono: { style: { fontFamily: "'Courier New', ui-monospace, monospace" } },
  script: { style: { fontFamily: "'Brush Script MT', 'Segoe Script', 'URW Chancery L', cursive", fontStyle: "italic" } },
  bold: { style: { fontFamily: "inherit", fontWeight: 800, textTransform: "uppercase", letterSpacing: "0.02em" } },
};

/** One line naming a status in a list or a quote: its text or caption, else what it is (an encrypted one not decrypted is just a status). */
export const statusLine = (t: StatusText, { kind, text }: { kind: StatusKind; text: string }): string =>
  text || (kind === "text" ? "" : t(`kinds.${kind}`));
