"use client";

import { createContext, type ReactNode, useContext, useEffect, useState } from "react";
import { io, type Socket } from "socket.io-client";
import { forgetCachedPages } from "@/lib/client/pwa";
import { retryRefusals } from "@/lib/client/reconnect";
import { isUpdateRequired, onUpdateRequired, reportUpdateRequired } from "@/lib/client/update-required";
import { PROTOCOL_VERSION } from "@/lib/contracts/protocol";
import type { ClientToServerEvents, ServerToClientEvents } from "@/lib/contracts/socket-events";

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
/** "update-required": the server no longer accepts this app's protocol version; nothing is tried until a reload. */
type Status = "connecting" | "connected" | "offline" | "update-required";

const SocketContext = createContext<{ socket: AppSocket | null; status: Status }>({ socket: null, status: "connecting" });

/**
 * One Socket.IO connection per tab, authenticated by the session cookie, that never gives up. A revoked
 * session goes to sign-in; a protocol version the server no longer accepts stops it for good (until a reload).
 */
export function SocketProvider({ children }: { children: ReactNode }) {
  const [socket, setSocket] = useState<AppSocket | null>(null);
  const [status, setStatus] = useState<Status>("connecting");

  useEffect(() => {
    // WebSocket only: every packet of a connection then goes to one server node, so a load balancer
    // in front of several needs no sticky sessions (docs/deploy.md). A handshake that neither opens nor
    // fails (a network that swallows packets, a socket closed before it opened) is given up after 10 s,
    // not Socket.IO's 20, and tried again.
    const s: AppSocket = io({ withCredentials: true, transports: ["websocket"], timeout: 10_000, auth: { protocol: PROTOCOL_VERSION } });
    // The page kept for offline use is the signed-out account's: it must not open again without the network.
    const signedOut = () => void forgetCachedPages().finally(() => window.location.assign("/sign-in"));
    s.on("connect", () => setStatus("connected"));
    s.on("disconnect", (reason) => {
      setStatus("offline");
      if (reason === "io server disconnect") signedOut();
    });
    s.on("connect_error", () => setStatus(isUpdateRequired() ? "update-required" : "offline"));
    // Transport failures are retried by Socket.IO itself; refusals by the server only by this.
    const stopRetrying = retryRefusals(s, (reason) => (reason === "unauthorized" ? signedOut() : reportUpdateRequired()));
    // Told by the handshake or by a REST answer: stop talking to the server (the outbox waits for the reload).
    const outdated = () => {
      s.disconnect();
      setStatus("update-required");
    };
    const stopWatching = onUpdateRequired(outdated);
    s.on("session:revoked", signedOut);
    // The node is shutting down: drop the connection as if the network had, so Socket.IO reconnects
    // (after its randomized delay, to whichever node the load balancer picks) and recovers the session.
    s.on("server:draining", () => s.io.engine.close());
    setSocket(s);
    return () => {
      stopRetrying();
      stopWatching();
      s.disconnect();
    };
  }, []);

  return <SocketContext value={{ socket, status }}>{children}</SocketContext>;
}

export const useSocket = () => useContext(SocketContext);
