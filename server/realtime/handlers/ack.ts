// Turns a service call into a Socket.IO ack of one shape: { ok: true, data } | { ok: false, error }.
import { type ZodType, z } from "zod";
import type { Ack } from "../../../lib/contracts/errors";
import type { AppContext } from "../../context";
import { isAppError } from "../../errors";
import type { AppSocket } from "../io";

/** The answer's latency goes to the metrics under `event`, from `receivedAt` (when the command arrived). */
export function acked<P, T>(
  { metrics, log }: Pick<AppContext, "metrics" | "log">,
  socket: AppSocket,
  event: string,
  schema: ZodType<P>,
  run: (payload: P) => Promise<T>,
) {
  return async (payload: unknown, ack?: (result: Ack<T>) => void, receivedAt = performance.now()): Promise<void> => {
    const reply = (result: Ack<T>) => {
      metrics.ackSeconds.observe({ event }, (performance.now() - receivedAt) / 1000);
      if (typeof ack === "function") ack(result);
    };
    try {
      reply({ ok: true, data: await run(schema.parse(payload ?? {})) });
    } catch (error) {
      if (isAppError(error)) return reply({ ok: false, error: error.toBody() });
      if (error instanceof z.ZodError) {
        const issue = error.issues[0];
        return reply({ ok: false, error: { code: "bad_request", message: issue.message, field: issue.path.join(".") || undefined } });
      }
      log.error({ err: error, event, socketId: socket.id, userId: socket.data.userId }, "unhandled error in socket handler");
      reply({ ok: false, error: { code: "internal", message: "The server could not do that just now. Please try again." } });
    }
  };
}
