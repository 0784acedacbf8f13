import type { z } from "zod";
import type { ApiErrorBody, ErrorCode } from "../lib/contracts/errors";
import { englishText, type KeyedIssue, type TextKey } from "../lib/i18n/text";

const BRAND = Symbol.for("chatterbox.AppError");

/** A message of the catalogs (messages/<locale>/errors.json) and the values it names. */
export interface ErrorText {
  key: TextKey;
  values?: Record<string, string | number>;
}

/**
 * A failure a user can act on. Services throw it; each transport turns it into its own response. Its
 * message is a key of the catalogs (the body carries it, so apps show it in their reader's language) or,
 * for text made elsewhere (a library's, a schema's), plain English.
 */
export class AppError extends Error {
  readonly [BRAND] = true;
  readonly text: ErrorText | null;

  constructor(
    public readonly code: ErrorCode,
    message: ErrorText | string,
    public readonly details: Pick<ApiErrorBody, "field" | "retryAfter" | "supported"> = {},
  ) {
    super(typeof message === "string" ? message : englishText(message.key, message.values));
    this.name = "AppError";
    this.text = typeof message === "string" ? null : message;
  }

  toBody(): ApiErrorBody {
    return { code: this.code, message: this.message, ...(this.text ?? {}), ...this.details };
  }
}

/**
 * Next bundles its own copy of this module for route handlers, while the store and realtime layer use the
 * custom server's copy, so `instanceof` can't tell; the registered symbol can.
 */
export const isAppError = (error: unknown): error is AppError => typeof error === "object" && error !== null && BRAND in error;

/** A payload that failed its schema, as every transport answers it: its first issue, and where. */
export function invalidInput(error: z.ZodError): ApiErrorBody {
  const issue = error.issues[0];
  // A schema message of the catalogs carries its key (lib/i18n/text.ts `message`).
  const { key, values } = issue as typeof issue & KeyedIssue;
  return { code: "bad_request", message: issue.message, ...(key ? { key, values } : {}), field: issue.path.join(".") || undefined };
}
