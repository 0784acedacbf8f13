import type { ApiErrorBody, ErrorCode } from "../lib/contracts/errors";

/** A failure a user can act on. Services throw it; each transport turns it into its own response. */
export class AppError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string,
    public readonly details: { field?: string; retryAfter?: number } = {},
  ) {
    super(message);
    this.name = "AppError";
  }

  toBody(): ApiErrorBody {
    return { code: this.code, message: this.message, ...this.details };
  }
}
