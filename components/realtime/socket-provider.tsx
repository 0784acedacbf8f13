"use client";

import { createContext, type ReactNode, useContext, useEffect, useState } from "react";
import { io, type Socket } from "socket.io-client";
import { forgetCachedPages } from "@/lib/client/pwa";
import type { ClientToServerEvents, ServerToClientEvents } from "@/lib/contracts/socket-events";

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type Status = "connecting" | "connected" | "offline";

const SocketContext = createContext<{ socket: AppSocket | null; status: Status }>({ socket: null, status: "connecting" });

/** One Socket.IO connection per tab, authenticated by the session cookie. A revoked session goes to sign-in. */
export function SocketProvider({ children }: { children: ReactNode }) {
  const [socket, setSocket] = useState<AppSocket | null>(null);
  const [status, setStatus] = useState<Status>("connecting");

  useEffect(() => {
    // WebSocket only: every packet of a connection then goes to one server node, so a load balancer
    // in front of several needs no sticky sessions (docs/deploy.md). A handshake that neither opens nor
    // fails (a network that swallows packets, a socket closed before it opened) is given up after 10 s,
    // not Socket.IO's 20, and tried again.
    const s: AppSocket = io({ withCredentials: true, transports: ["websocket"], timeout: 10_000 });
    // The page kept for offline use is the signed-out account's: it must not open again without the network.
    const signedOut = () => void forgetCachedPages().finally(() => window.location.assign("/sign-in"));
    s.on("connect", () => setStatus("connected"));
    s.on("disconnect", (reason) => {
      setStatus("offline");
      if (reason === "io server disconnect") signedOut();
    });
    let retry: ReturnType<typeof setTimeout> | undefined;
    s.on("connect_error", (err: Error & { data?: { retryAfter?: number } }) => {
      setStatus("offline");
      if (err.message === "unauthorized") signedOut();
      // Too many open connections for this account (docs/api.md#limits): Socket.IO doesn't retry a refusal
      // by the server itself, so try again once the wait is over.
      if (err.message === "rate_limited") retry = setTimeout(() => s.connect(), (err.data?.retryAfter ?? 60) * 1000);
    });
    s.on("session:revoked", signedOut);
    // The node is shutting down: drop the connection as if the network had, so Socket.IO reconnects
    // (after its randomized delay, to whichever node the load balancer picks) and recovers the session.
    s.on("server:draining", () => s.io.engine.close());
    setSocket(s);
    return () => {
      clearTimeout(retry);
      s.disconnect();
    };
  }, []);

  return <SocketContext value={{ socket, status }}>{children}</SocketContext>;
}

export const useSocket = () => useContext(SocketContext);
