// What the messaging engine needs from Socket.IO, typed from the shared contract, plus the adapter for a
// real socket. Keeping it this narrow lets the engine be tested with a fake.
import type { Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "@/lib/contracts/socket-events";

type C2S = ClientToServerEvents;
type S2C = ServerToClientEvents;

/** Client commands that take an ack, and those that don't. */
export type AckEvent = { [E in keyof C2S]: Parameters<C2S[E]> extends [unknown, (result: never) => void] ? E : never }[keyof C2S];
export type FireEvent = Exclude<keyof C2S, AckEvent>;
export type PayloadOf<E extends AckEvent> = Parameters<C2S[E]>[0];
export type AckOf<E extends AckEvent> = Parameters<Parameters<C2S[E]>[1]>[0];

export interface MessagingTransport {
  connected(): boolean;
  /** Sends a command and resolves with its ack; rejects if none arrives within `timeoutMs`. */
  request<E extends AckEvent>(event: E, payload: PayloadOf<E>, timeoutMs: number): Promise<AckOf<E>>;
  send<E extends FireEvent>(event: E, ...args: Parameters<C2S[E]>): void;
  /** Listens to a server event; returns the function that stops listening. */
  on<E extends keyof S2C>(event: E, handler: S2C[E]): () => void;
  onConnection(onConnect: () => void, onDisconnect: () => void): () => void;
}

export const ACK_TIMEOUT_MS = 10_000;

export function socketTransport(socket: Socket<S2C, C2S>): MessagingTransport {
  // Socket.IO's own generics don't survive a generic wrapper; the contract types above carry the checks.
  const raw = socket as unknown as Socket;
  return {
    connected: () => socket.connected,
    request: (event, payload, timeoutMs) => raw.timeout(timeoutMs).emitWithAck(event, payload),
    send: (event, ...args) => raw.emit(event, ...args),
    on(event, handler) {
      const listener = handler as (...args: unknown[]) => void;
      raw.on(event as string, listener);
      return () => raw.off(event as string, listener);
    },
    onConnection(onConnect, onDisconnect) {
      socket.on("connect", onConnect);
      socket.on("disconnect", onDisconnect);
      return () => {
        socket.off("connect", onConnect);
        socket.off("disconnect", onDisconnect);
      };
    },
  };
}
