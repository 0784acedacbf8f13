// Keeps a Socket.IO connection coming back, whatever refused it. socket.io-client retries transport
// failures by itself (a node that is down, starting or without its database closes the handshake: see
// docs/api.md#reconnecting), but a refusal by the server's middleware (a connect_error packet) leaves the
// socket inactive for good. "unauthorized" (the session is gone: sign in again) and "update_required"
// (this app's protocol version is no longer accepted: reload) are final; any other refusal is tried again after a jittered delay that doubles up to a cap, or after the server's `retryAfter`.

/** The first retry after a refusal, and the longest wait between two. */
export const REFUSED_RETRY_MS = 1_000;
export const REFUSED_RETRY_MAX_MS = 30_000;

/** What the retries need of a Socket.IO client socket. */
export interface RetryableSocket {
  /** False once a refusal ended the client's own reconnection. */
  readonly active: boolean;
  connect(): unknown;
  on(event: "connect", listener: () => void): unknown;
  on(event: "connect_error", listener: (err: Error & { data?: unknown }) => void): unknown;
  off(event: "connect", listener: () => void): unknown;
  off(event: "connect_error", listener: (err: Error & { data?: unknown }) => void): unknown;
}

/** The wait before retry number `attempt` (0 first): full jitter over a doubling window, capped, at least the server's `retryAfter`. */
export function refusedRetryDelay(attempt: number, retryAfterSeconds = 0, random = Math.random): number {
  const window = Math.min(REFUSED_RETRY_MAX_MS, REFUSED_RETRY_MS * 2 ** attempt);
  return Math.max(retryAfterSeconds * 1000, window / 2 + (random() * window) / 2);
}

const retryAfterOf = (data: unknown): number | undefined => {
  const value = (data as { retryAfter?: unknown } | null | undefined)?.retryAfter;
  return typeof value === "number" && value > 0 ? value : undefined;
};

/** The refusals that retrying can't cure. */
export type FinalRefusal = "unauthorized" | "update_required";
const FINAL_REFUSALS: ReadonlySet<string> = new Set<FinalRefusal>(["unauthorized", "update_required"]);

/** Retries refused handshakes until the socket connects; calls `final` instead for a final refusal. Returns a stop function. */
export function retryRefusals(socket: RetryableSocket, final: (reason: FinalRefusal) => void): () => void {
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const onConnect = () => {
    attempt = 0;
  };
  const onError = (err: Error & { data?: unknown }) => {
    if (FINAL_REFUSALS.has(err.message)) return final(err.message as FinalRefusal);
    // Still active: a transport failure, which the client's Manager retries by itself.
    if (socket.active || timer) return;
    timer = setTimeout(
      () => {
        timer = undefined;
        if (!socket.active) socket.connect();
      },
      refusedRetryDelay(attempt++, retryAfterOf(err.data)),
    );
  };
  socket.on("connect", onConnect);
  socket.on("connect_error", onError);
  return () => {
    clearTimeout(timer);
    socket.off("connect", onConnect);
    socket.off("connect_error", onError);
  };
}
