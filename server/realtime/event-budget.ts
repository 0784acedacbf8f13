// A budget of events per user's sockets on this node, whatever their kind (LIMIT_SOCKET_EVENTS_PER_10S): no
// event type can be sent fast enough to stall the loop. Per user, not per socket, so that reconnecting
// doesn't refill it. Checked before any handler runs, in memory: an event over the
// budget with an ack gets `rate_limited`; one without (typing, presence pings) is dropped. A socket that
// goes on to twice its budget is closed: even refused, each event costs its decoding, and a client that
// ignores refusals is flooding. It's the transport that is closed, not the session, so the app's client
// reconnects as after a network drop (an "io server disconnect" would sign it out). A batch counts as
// the events it stands for (message:send-batch: one per message), so batching can't stretch the budget.
import type { Ack } from "../../lib/contracts/errors";
import type { AppContext } from "../context";
import { AppError } from "../errors";
import type { AppSocket } from "./io";

export function limitEvents(socket: AppSocket, { limits, log }: Pick<AppContext, "limits" | "log">): void {
  socket.use((packet, next) => {
    void limits.socketEvent(socket.data.userId, eventCost(packet)).then(({ wait, flooding }) => {
      if (!wait) return next();
      if (flooding) {
        if (socket.connected)
          log.warn({ socketId: socket.id, userId: socket.data.userId }, "socket closed: flooding past its event budget");
        socket.conn.close();
        return;
      }
      const ack = packet.at(-1);
      if (typeof ack === "function")
        (ack as (result: Ack<never>) => void)({
          ok: false,
          error: new AppError("rate_limited", { key: "errors.limits.connectionEvents", values: { wait } }, { retryAfter: wait }).toBody(),
        });
    });
  });
}

/** What an incoming event costs from the budget: the messages of a batch, else 1. */
function eventCost([event, payload]: unknown[]): number {
  if (event !== "message:send-batch" || typeof payload !== "object" || payload === null) return 1;
  const { messages } = payload as { messages?: unknown };
  return Array.isArray(messages) ? Math.max(1, messages.length) : 1;
}
