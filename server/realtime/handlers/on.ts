// The one way a socket event gets a handler: `on(event, run)`, with the event a key of the contract's
// registry (lib/contracts/socket-events.ts), its payload parsed with the registry's schema, and `run` a
// service call typed to return the registry's ack data. A command answers one shape, { ok: true, data }
// | { ok: false, error }, and its latency goes to the metrics under its event name; an event without an
// ack (a signal) drops a payload that doesn't parse.
import { z } from "zod";
import type { Ack } from "../../../lib/contracts/errors";
import {
  type ClientEvent,
  type CommandEvent,
  clientEvents,
  type ParsedPayloadOf,
  type ResultOf,
} from "../../../lib/contracts/socket-events";
import type { AppContext } from "../../context";
import { AppError, invalidInput, isAppError } from "../../errors";
import type { AppSocket } from "../io";

/** Who sent the event: what a handler needs of its socket. */
export interface Sender {
  userId: string;
  socketId: string;
}

export interface CommandOptions {
  /** In the socket's one ordered lane: the commands registered `ordered` run one at a time, in the order they arrived. */
  ordered?: boolean;
}

export interface SignalOptions {
  /** Checked before the payload is parsed (a budget, say): false drops the event. */
  admit?: () => boolean | Promise<boolean>;
}

type Run<E extends ClientEvent> = E extends CommandEvent
  ? (payload: ParsedPayloadOf<E>, sender: Sender) => Promise<ResultOf<E>>
  : (payload: ParsedPayloadOf<E>, sender: Sender) => void | Promise<void>;
type Options<E extends ClientEvent> = E extends CommandEvent ? CommandOptions : SignalOptions;

export type On = <E extends ClientEvent>(event: E, run: Run<E>, options?: Options<E>) => void;

/** The `on` that registers this socket's handlers; `app` gives the metrics and the log. */
export function handlersOf(socket: AppSocket, app: Pick<AppContext, "metrics" | "log">): On {
  const sender: Sender = { userId: socket.data.userId, socketId: socket.id };
  // Socket.IO's typed `on` doesn't survive a generic event name; the registry's types carry the checks.
  const listen = (event: ClientEvent, listener: (payload: unknown, ack?: unknown) => void) =>
    (socket as unknown as { on(event: string, listener: (payload: unknown, ack?: unknown) => void): void }).on(event, listener);

  let lane = Promise.resolve();

  return (event, run, options) => {
    const contract = clientEvents[event];
    if (contract.result === null) {
      const { admit } = (options ?? {}) as SignalOptions;
      const schema = contract.payload;
      const signalRun = run as (payload: unknown, sender: Sender) => void | Promise<void>;
      listen(event, async (payload) => {
        try {
          if (admit && !(await admit())) return;
          if (schema === null) return await signalRun(undefined, sender);
          const parsed = schema.safeParse(payload);
          if (parsed.success) await signalRun(parsed.data, sender);
        } catch (error) {
          app.log.error({ err: error, event, socketId: socket.id, userId: socket.data.userId }, "unhandled error in socket handler");
        }
      });
      return;
    }
    const answer = answerer(app, socket, event as CommandEvent, run as (payload: unknown, sender: Sender) => Promise<unknown>, sender);
    if (!(options as CommandOptions | undefined)?.ordered) {
      listen(event, (payload, ack) => void answer(payload, ack, performance.now()));
      return;
    }
    listen(event, (payload, ack) => {
      // Its latency counts from arrival, so waiting behind this socket's earlier commands is included.
      const receivedAt = performance.now();
      lane = lane.then(() => answer(payload, ack, receivedAt));
    });
  };
}

function answerer(
  app: Pick<AppContext, "metrics" | "log">,
  socket: AppSocket,
  event: CommandEvent,
  run: (payload: unknown, sender: Sender) => Promise<unknown>,
  sender: Sender,
) {
  const schema = clientEvents[event].payload;
  return async (payload: unknown, ack: unknown, receivedAt: number): Promise<void> => {
    const reply = (result: Ack<unknown>) => {
      app.metrics.ackSeconds.observe({ event }, (performance.now() - receivedAt) / 1000);
      if (typeof ack === "function") ack(result);
    };
    try {
      reply({ ok: true, data: await run(schema.parse(payload ?? {}), sender) });
    } catch (error) {
      if (isAppError(error)) return reply({ ok: false, error: error.toBody() });
      if (error instanceof z.ZodError) return reply({ ok: false, error: invalidInput(error) });
      app.log.error({ err: error, event, socketId: socket.id, userId: socket.data.userId }, "unhandled error in socket handler");
      reply({ ok: false, error: new AppError("internal", { key: "errors.server.failed" }).toBody() });
    }
  };
}
