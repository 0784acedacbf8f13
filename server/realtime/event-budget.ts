// A budget of events per socket, whatever their kind (LIMIT_SOCKET_EVENTS_PER_10S): no event type can
// be sent fast enough to stall the loop. Checked before any handler runs, in memory: an event over the
// budget with an ack gets `rate_limited`; one without (typing, presence pings) is dropped.
import type { Ack } from "../../lib/contracts/errors";
import { ctx } from "../context";
import type { AppSocket } from "./io";

export function limitEvents(socket: AppSocket): void {
  const { limits } = ctx();
  socket.use((packet, next) => {
    void limits.socketEvent(socket.id).then((wait) => {
      if (!wait) return next();
      const ack = packet.at(-1);
      if (typeof ack === "function")
        (ack as (result: Ack<never>) => void)({
          ok: false,
          error: { code: "rate_limited", message: `Too many requests on this connection. Try again in ${wait} seconds.`, retryAfter: wait },
        });
    });
  });
}
