// The wire protocol's version. The browser app sends it in the Socket.IO handshake (`auth.protocol`) and
// on every REST call (the Chatterbox-Protocol header); the server accepts a range of versions
// (server/protocol.ts) and refuses the others with `update_required`, so an installed app older than the
// server shows "Update available" instead of misbehaving. See docs/api.md#protocol-versions.
import type { KeyedText } from "./text";

/**
 * The version this build speaks. Bump it when a change would make a client built before it misbehave:
 * an event, field or route removed or changing meaning (adding optional fields or new events doesn't).
 */
export const PROTOCOL_VERSION = 1;

/** What a client that sends no version speaks: bots, curl, and apps installed before versions existed. */
export const UNVERSIONED_PROTOCOL = 1;

/** The REST request header that carries the version. */
export const PROTOCOL_HEADER = "Chatterbox-Protocol";

/** The versions a server accepts, both ends included. */
export interface ProtocolRange {
  min: number;
  max: number;
}

/** The version a client asked for: the unversioned one when it names none, null when what it sent isn't a version. */
export function protocolOf(value: unknown): number | null {
  if (value === undefined || value === null || value === "") return UNVERSIONED_PROTOCOL;
  if (typeof value === "number") return Number.isSafeInteger(value) ? value : null;
  return typeof value === "string" && /^\d{1,6}$/.test(value.trim()) ? Number(value.trim()) : null;
}

/** What an app too old (or too new) for the server is told, over REST and in the handshake's connect_error. */
export const UPDATE_REQUIRED_MESSAGE: KeyedText = { key: "validation.protocol.updateRequired" };
