// Turns a service call into a Socket.IO ack of one shape: { ok: true, data } | { ok: false, error }.
import { type ZodType, z } from "zod";
import type { Ack } from "../../../lib/contracts/errors";
import { ctx } from "../../context";
import { isAppError } from "../../errors";

export function acked<P, T>(schema: ZodType<P>, run: (payload: P) => Promise<T>) {
  return async (payload: unknown, ack?: (result: Ack<T>) => void): Promise<void> => {
    const reply = typeof ack === "function" ? ack : () => {};
    try {
      reply({ ok: true, data: await run(schema.parse(payload ?? {})) });
    } catch (error) {
      if (isAppError(error)) return reply({ ok: false, error: error.toBody() });
      if (error instanceof z.ZodError) {
        const issue = error.issues[0];
        return reply({ ok: false, error: { code: "bad_request", message: issue.message, field: issue.path.join(".") || undefined } });
      }
      ctx().log.error({ err: error }, "unhandled error in socket handler");
      reply({ ok: false, error: { code: "internal", message: "The server could not do that just now. Please try again." } });
    }
  };
}
