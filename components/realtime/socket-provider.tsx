"use client";

import { createContext, type ReactNode, useContext, useEffect, useState } from "react";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "@/lib/contracts/socket-events";

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type Status = "connecting" | "connected" | "offline";

const SocketContext = createContext<{ socket: AppSocket | null; status: Status }>({ socket: null, status: "connecting" });

/** One Socket.IO connection per tab, authenticated by the session cookie. A revoked session goes to sign-in. */
export function SocketProvider({ children }: { children: ReactNode }) {
  const [socket, setSocket] = useState<AppSocket | null>(null);
  const [status, setStatus] = useState<Status>("connecting");

  useEffect(() => {
    const s: AppSocket = io({ withCredentials: true });
    const signedOut = () => window.location.assign("/sign-in");
    s.on("connect", () => setStatus("connected"));
    s.on("disconnect", (reason) => {
      setStatus("offline");
      if (reason === "io server disconnect") signedOut();
    });
    s.on("connect_error", (err) => {
      setStatus("offline");
      if (err.message === "unauthorized") signedOut();
    });
    s.on("session:revoked", signedOut);
    setSocket(s);
    return () => {
      s.disconnect();
    };
  }, []);

  return <SocketContext value={{ socket, status }}>{children}</SocketContext>;
}

export const useSocket = () => useContext(SocketContext);
