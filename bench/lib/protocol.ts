// The commands the bench's main process sends to its load-generator processes (bench/worker.ts), with
// their arguments and results. Times that cross processes are absolute: performance.timeOrigin + now().

export interface BenchUser {
  userId: string;
  username: string;
  token: string;
}

/** One socket: `key` names the connection (a user may hold several). */
export interface Connection {
  key: string;
  userId: string;
  token: string;
  /** The server node it connects to (multi-node runs); otherwise the command's `url`. */
  url?: string;
}

/** Two users of a direct chat, as connection keys. */
export interface Pair {
  a: string;
  b: string;
  conversationId: string;
}

export interface TickResult {
  cycles: number;
  sent: number;
  received: number;
  duplicates: number;
  /** Cycles whose Read tick never came back (within 10 s). */
  missing: number;
  /** Milliseconds from send to the Delivered / Read tick at the sender. */
  delivered: number[];
  read: number[];
}

export interface LatencyResult {
  sent: number;
  /** Milliseconds from send until the recipient had it / until the sender saw Delivered. */
  received: number[];
  delivered: number[];
  lost: number;
}

export interface Commands {
  connect: { args: { url: string; connections: Connection[]; concurrency: number }; result: { connectMs: number[]; failed: number } };
  close: { args: { keys?: string[] }; result: null };
  /** `encrypted`: each message is sent as this ciphertext (type "encrypted"), as an end-to-end encrypted chat's are. */
  ticks: { args: { pairs: Pair[]; durationMs: number; encrypted?: object }; result: TickResult };
  openLoop: { args: { pairs: Pair[]; perSecond: number; durationMs: number }; result: LatencyResult };
  /** Members (keys) start recording when messages of the conversation reach them, and report delivery like the app does. */
  arm: { args: { conversationId: string; keys: string[] }; result: null };
  /** Resolves once every armed member of this process has the message: the last arrival (absolute ms). */
  awaitMessage: { args: { clientId: string; timeoutMs: number }; result: { count: number; last: number } };
  send: { args: { key: string; conversationId: string; clientId: string; text: string }; result: { sentAt: number; ackedAt: number } };
  /** Sends `count` messages back to back (not waiting for each ack); resolves when all are acked. */
  sendMany: { args: { key: string; conversationId: string; count: number }; result: { lastSeq: number } };
  /** Connects the (offline) connection and syncs from `cursors` until it holds `expected` new messages. */
  syncFrom: {
    args: { url: string; connection: Connection; cursors: Record<string, number>; expected: number };
    result: { connectMs: number; totalMs: number; messages: number };
  };
  /** Every connection of this process drops and reconnects at once, then syncs from its cursors. */
  storm: { args: { url: string }; result: { startedAt: number; connectedAt: number; doneAt: number; failed: number; retries: number } };
}

export type Command = { [K in keyof Commands]: { id: number; cmd: K; args: Commands[K]["args"] } }[keyof Commands];
export type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };
