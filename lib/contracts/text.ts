// Text from clients: every string field of every contract is built here, so that none can carry what the
// database refuses (NUL: a 500 from PostgreSQL) or silently changes (a lone UTF-16 surrogate becomes
// U+FFFD when encoded as UTF-8), nor invisible control characters. Bad text is a 400 naming the field.
//
// Messages are the catalog's (messages/<locale>/validation.json), looked up when a value is checked: in
// the page's language in the browser, in English on the server.
import { z } from "zod";
import type validation from "../../messages/en/validation.json";
import { text as localized, type message, type TextKey } from "../i18n/text";

/** A schema's message: `message(key, values)` of lib/i18n/text, looked up when the schema checks. */
export type SchemaMessage = ReturnType<typeof message>;

/**
 * A message of the catalogs by its key, as the server's AppError takes it: the API answers it in English
 * with its key, and the app shows it in its reader's language.
 */
export interface KeyedText {
  key: TextKey;
  values?: Record<string, string | number>;
}

/** A field's name in messages (validation.json, "labels"): "Group name", in the reader's language. */
export type LabelKey = keyof (typeof validation)["labels"];

/**
 * What messages call a field: its name in the API, the same in every language ("url", "userId"), or a
 * label of the catalog (`label("groupName")`), looked up when a message names it.
 */
export type FieldLabel = string | (() => string);
export const label =
  (key: LabelKey): FieldLabel =>
  () =>
    localized(`validation.labels.${key}`);
const nameOf = (field: FieldLabel): string => (typeof field === "string" ? field : field());

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
  error?: SchemaMessage;
}

/** Why a string is not acceptable text, or null when it is. */
export function textProblem(value: string, field: FieldLabel, multiline = false): string | null {
  if (!value.isWellFormed()) return localized("validation.text.brokenCharacter", { label: nameOf(field) });
  if (hasControl(value, multiline))
    return localized(multiline ? "validation.text.controlCharacter" : "validation.text.controlCharacterOrLineBreak", {
      label: nameOf(field),
    });
  return null;
}

/**
 * A string schema for free text: refuses lone surrogates and control characters (before any trim, so
 * they can't hide at the ends), then chains like `z.string()`: `text(label("groupName")).trim().max(64)`.
 */
export function text(field: FieldLabel, { multiline = false, error }: TextOptions = {}) {
  return z.string(error ?? { error: () => localized("validation.text.notText", { label: nameOf(field) }) }).check((check) => {
    const problem = textProblem(check.value, field, multiline);
    if (problem) check.issues.push({ code: "custom", message: problem, input: check.value, continue: false });
  });
}
