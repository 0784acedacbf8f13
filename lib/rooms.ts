// Socket.IO room names, built only here so server and tools agree on them.
export const rooms = {
  /** Every connected device of one user. */
  user: (userId: string) => `user:${userId}`,
  /** The sockets of one signed-in session (a browser's tabs, or one API token). */
  session: (sessionId: string) => `session:${sessionId}`,
  /** Sockets following one user's online / last-seen state (those the user's privacy settings let see it). */
  presence: (userId: string) => `presence:${userId}`,
  /** Sockets that asked to follow one user's presence, whether or not they may see it now (see server/realtime/publisher.ts). */
  watch: (userId: string) => `watch:${userId}`,
};
