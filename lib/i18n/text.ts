// Error and validation messages in the reader's language, outside React: the server's error bodies name
// their key (ApiErrorBody.key), zod schemas and lib/client name theirs. The page hands this module its
// catalog once (components/i18n/i18n-provider.tsx, in the browser only); until then, and always on the
// server, messages are English.
import { createTranslator, type MessageKeys, type NestedKeyOf } from "use-intl/core";
import type { ApiErrorBody } from "@/lib/contracts/errors";
import clientErrors from "@/messages/en/clientErrors.json";
import errors from "@/messages/en/errors.json";
import validation from "@/messages/en/validation.json";
import type { Messages } from "./catalog";
import type { Locale } from "./locales";

type TextMessages = Pick<Messages, "errors" | "validation" | "clientErrors">;
/** A message of errors.json (the server's), validation.json (the contracts') or clientErrors.json (the app's). */
export type TextKey = MessageKeys<TextMessages, NestedKeyOf<TextMessages>>;
type Values = Record<string, string | number>;

/** A translator called with any key and values (the keys are checked by TextKey; their values by the catalog test). */
type Translate = ((key: TextKey, values?: Values) => string) & { has: (key: TextKey) => boolean };

const english = createTranslator<TextMessages>({ locale: "en", messages: { errors, validation, clientErrors } }) as unknown as Translate;
let current = english;

/** The page's language and catalog (the browser's one page at a time: never called on the server). */
export function setTextLocale(locale: Locale, messages: TextMessages): void {
  current = createTranslator<TextMessages>({ locale, messages }) as unknown as Translate;
}

/** A message in the page's language. */
export function text(key: TextKey, values?: Values): string {
  return current(key, values);
}

/** A message in English: what the API's `message` field says. */
export function englishText(key: TextKey, values?: Values): string {
  return english(key, values);
}

/** What an error body says in the page's language: its key's message, else the server's English. */
export function errorText(body: Pick<ApiErrorBody, "message" | "key" | "values">): string {
  const key = body.key as TextKey | undefined;
  return key && current.has(key) ? current(key, body.values) : body.message;
}

/** The key and values a zod issue's message came from (see `message`). */
export interface KeyedIssue {
  key?: TextKey;
  values?: Values;
}

/**
 * A zod schema's message, in the page's language when it checks: `z.string().min(1, message("validation.nameRequired"))`.
 * The issue keeps its key and values too (zod copies the issue's own fields after asking for its message),
 * so the server's 400 names them like any error (server/errors.ts invalidInput).
 */
export const message = (key: TextKey, values?: Values) => ({
  error: (issue: object) => {
    Object.assign(issue, values ? { key, values } : { key });
    return text(key, values);
  },
});
