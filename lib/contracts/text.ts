// Text from clients: every string field of every contract is built here, so that none can carry what the
// database refuses (NUL: a 500 from PostgreSQL) or silently changes (a lone UTF-16 surrogate becomes
// U+FFFD when encoded as UTF-8), nor invisible control characters. Bad text is a 400 naming the field.
import { z } from "zod";

/** Tab, line feed and carriage return: text where `multiline` allows them. */
const LINE_CHARS = new Set([0x09, 0x0a, 0x0d]);

/** A C0 control character or DEL (tab and line breaks too, unless `multiline`). */
function hasControl(value: string, multiline: boolean): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c < 0x20 || c === 0x7f) && !(multiline && LINE_CHARS.has(c))) return true;
  }
  return false;
}

export interface TextOptions {
  /** Line breaks and tabs are text here (messages, captions, about, descriptions, reasons). */
  multiline?: boolean;
  /** The message when the value is missing or not a string (default: "<label> must be text"). */
  error?: string;
}

/** Why a string is not acceptable text, or null when it is. */
export function textProblem(value: string, label: string, multiline = false): string | null {
  if (!value.isWellFormed()) return `${label} contains a broken character (a lone UTF-16 surrogate)`;
  if (hasControl(value, multiline))
    return multiline ? `${label} contains a control character` : `${label} contains a control character or a line break`;
  return null;
}

/**
 * A string schema for free text: refuses lone surrogates and control characters (before any trim, so
 * they can't hide at the ends), then chains like `z.string()`: `text("Group name").trim().max(64)`.
 */
export function text(label: string, { multiline = false, error }: TextOptions = {}) {
  return z.string({ error: error ?? `${label} must be text` }).check((check) => {
    const problem = textProblem(check.value, label, multiline);
    if (problem) check.issues.push({ code: "custom", message: problem, input: check.value, continue: false });
  });
}
