// Prometheus metrics (prom-client), served at GET /metrics with METRICS_TOKEN. One registry per process,
// on the context, so the route handler and the socket handlers count into the same one.
import { createHash, timingSafeEqual } from "node:crypto";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

export interface Metrics {
  registry: Registry;
  messagesSent: Counter;
  receipts: Counter<"kind">;
  ackSeconds: Histogram<"event">;
  /** Web Push: sent (accepted by the push service), gone (subscription removed), failed, dropped (queue full). */
  pushes: Counter<"outcome">;
}

/** `openSockets` is read at each scrape. Node's own metrics (CPU, memory, event-loop lag, GC) come with it. */
export function createMetrics(openSockets: () => number): Metrics {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry });
  new Gauge({
    name: "chatterbox_sockets",
    help: "Open Socket.IO connections on this process",
    registers,
    collect() {
      this.set(openSockets());
    },
  });
  return {
    registry,
    messagesSent: new Counter({ name: "chatterbox_messages_sent_total", help: "Messages stored (a retried send counts once)", registers }),
    receipts: new Counter({
      name: "chatterbox_receipts_total",
      help: "Delivered and read reports that moved a member's watermark (one covers every message up to its seq; a member's reports written together count once)",
      labelNames: ["kind"],
      registers,
    }),
    ackSeconds: new Histogram({
      name: "chatterbox_socket_ack_seconds",
      help: "Time from a Socket.IO command's arrival to its acknowledgement (a send's includes the commit)",
      labelNames: ["event"],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
    pushes: new Counter({
      name: "chatterbox_pushes_total",
      help: "Web Push notifications by outcome: sent, gone (the subscription ended and was removed), failed, dropped (the queue was full; a batch of messages each)",
      labelNames: ["outcome"],
      registers,
    }),
  };
}

/** Whether an Authorization header carries the metrics token (compared in constant time). */
export function isMetricsToken(header: string | null, token: string): boolean {
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(header ?? ""), digest(`Bearer ${token}`));
}
