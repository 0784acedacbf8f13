// Which protocol versions this server accepts (lib/contracts/protocol.ts): the one place it is decided.
// When PROTOCOL_VERSION goes up, `max` goes with it and `min` stays at the previous version for as long as
// docs/api.md#protocol-versions promises, so apps installed before the bump keep working meanwhile.
import { PROTOCOL_VERSION, type ProtocolRange, protocolOf, UPDATE_REQUIRED_MESSAGE } from "../lib/contracts/protocol";
import { AppError } from "./errors";

export const SUPPORTED_PROTOCOLS: ProtocolRange = { min: 1, max: PROTOCOL_VERSION };

/** The refusal for a client that asks for `requested` (a header or handshake value), or null when it is accepted. */
export function protocolRefusal(requested: unknown, supported: ProtocolRange = SUPPORTED_PROTOCOLS): AppError | null {
  const version = protocolOf(requested);
  if (version !== null && version >= supported.min && version <= supported.max) return null;
  return new AppError("update_required", UPDATE_REQUIRED_MESSAGE, { supported });
}
