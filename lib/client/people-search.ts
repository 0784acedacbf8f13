// What people searches say when they find nobody: with the server's private directory (USER_DIRECTORY),
// someone you share no chat or group with is found only by their whole username.

/** Nothing typed and nobody known yet. */
export const NOBODY_YET = "Nobody to show yet: type someone's whole username to find them";

/** Nobody matches what was typed. */
export const nobodyFound = (query: string) =>
  `No people found for “${query.trim()}”. Someone you haven't chatted with is found by their whole username.`;
