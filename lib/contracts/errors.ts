// Error codes shared by every transport. REST answers { error: { code, message, field? } } with the
// status below; Socket.IO acks answer { ok: false, error: { code, message, field? } }.
import type { ProtocolRange } from "./protocol";

export const errorStatus = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  length_required: 411,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  /** `supported` says which protocol versions the server accepts: this app is too old (or too new) for it. */
  update_required: 426,
  rate_limited: 429,
  internal: 500,
  /** Starting up, or the database can't be reached: retry after `retryAfter` seconds. */
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export interface ApiErrorBody {
  code: ErrorCode;
  /** What went wrong, in English. */
  message: string;
  /**
   * The message's key in the app's catalogs (messages/<locale>/errors.json), so an app shows it in its
   * reader's language; with the values it names ({limit}, {name}). Absent for messages without one.
   */
  key?: string;
  values?: Record<string, string | number>;
  /** The request field the error is about, when there is one (e.g. "username"). */
  field?: string;
  /** Seconds until a rate-limited request may be retried. */
  retryAfter?: number;
  /** For `update_required`: the protocol versions the server accepts (lib/contracts/protocol.ts). */
  supported?: ProtocolRange;
}

export type Ack<T> = { ok: true; data: T } | { ok: false; error: ApiErrorBody };
