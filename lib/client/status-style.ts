// How a text status looks: each background's name (for the colour buttons' accessible names) and each
// font's CSS. The lists themselves are the contract's (lib/contracts/status.ts), checked by the server.
import type { CSSProperties } from "react";
import type { StatusBackground, StatusFont, StatusKind } from "@/lib/contracts/status";

export const BACKGROUND_NAMES: Record<StatusBackground, string> = {
  "#128c7e": "Teal",
  "#54656f": "Slate",
  "#7e57c2": "Purple",
  "#c2185b": "Rose",
  "#e4572e": "Orange",
  "#d4a017": "Mustard",
  "#2e7d32": "Green",
  "#1565c0": "Blue",
};

export const FONTS: Record<StatusFont, { name: string; style: CSSProperties }> = {
  sans: { name: "Sans", style: { fontFamily: "inherit" } },
  serif: { name: "Serif", style: { fontFamily: "Georgia, 'Times New Roman', serif" } },
  mono: { name: "Typewriter", style: { fontFamily: "'Courier New', ui-monospace, monospace" } },
  script: { name: "Script", style: { fontFamily: "'Brush Script MT', 'Segoe Script', 'URW Chancery L', cursive", fontStyle: "italic" } },
  bold: { name: "Bold", style: { fontFamily: "inherit", fontWeight: 800, textTransform: "uppercase", letterSpacing: "0.02em" } },
};

/** One line naming a status in a list or a quote: its text or caption, else what it is (an encrypted one not decrypted is just a status). */
export const statusLine = ({ kind, text }: { kind: StatusKind; text: string }): string =>
  text || { text: "", image: "Photo", video: "Video", encrypted: "Status" }[kind];
