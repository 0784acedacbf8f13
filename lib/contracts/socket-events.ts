// Typed Socket.IO contract. Event names are `noun:verb`: server facts in the past tense.
import type { PublicUser } from "./users";

export interface ServerToClientEvents {
  /** A user's public profile changed (name, about or avatar). */
  "user:updated": (user: PublicUser) => void;
  /** This device's session was signed out; the server disconnects right after. */
  "session:revoked": () => void;
}

// biome-ignore lint/complexity/noBannedTypes: no client commands yet; later issues add them here.
export type ClientToServerEvents = {};

export interface SocketData {
  userId: string;
  sessionId: string;
}
