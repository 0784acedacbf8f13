// The server's clock: message times, and the windows for editing and deleting them. Tests that must
// step past a window (or a disappearing message's lifetime) run the server with TEST_CLOCK_FILE: a file
// holding the milliseconds to add to the real time, read on every call, so a test moves a running server's
// clock by writing a number.
import { readFileSync } from "node:fs";

export type Clock = () => Date;

export function createClock(offsetFile: string | null): Clock {
  if (!offsetFile) return () => new Date();
  return () => {
    let offset = 0;
    try {
      offset = Number(readFileSync(offsetFile, "utf8")) || 0;
    } catch {
      // No file yet: no offset.
    }
    return new Date(Date.now() + offset);
  };
}
