import type { z } from "zod";
import type { ApiErrorBody, ErrorCode } from "../lib/contracts/errors";

const BRAND = Symbol.for("chatterbox.AppError");

/** A failure a user can act on. Services throw it; each transport turns it into its own response. */
export class AppError extends Error {
  readonly [BRAND] = true;

  constructor(
    public readonly code: ErrorCode,
    message: string,
    public readonly details: Pick<ApiErrorBody, "field" | "retryAfter" | "supported"> = {},
  ) {
    super(message);
    this.name = "AppError";
  }

  toBody(): ApiErrorBody {
    return { code: this.code, message: this.message, ...this.details };
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
  return { code: "bad_request", message: issue.message, field: issue.path.join(".") || undefined };
}
