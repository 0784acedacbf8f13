// Socket.IO room names, built only here so server and tools agree on them.
export const rooms = {
  /** Every connected device of one user. */
  user: (userId: string) => `user:${userId}`,
  /** The sockets of one signed-in session (a browser's tabs, or one API token). */
  session: (sessionId: string) => `session:${sessionId}`,
  /** Sockets following one user's online / last-seen state. */
  presence: (userId: string) => `presence:${userId}`,
};
