"use client";

import { type ReactNode, useEffect, useState } from "react";
import { request } from "@/lib/api-client";
import { CallEngine } from "@/lib/client/calls/call-engine";
import { thisDevice } from "@/lib/client/e2ee/crypto-runtime";
import { socketTransport } from "@/lib/client/transport";
import { useMessagingEngine } from "../chat/use-messaging";
import { useSocket } from "../realtime/socket-provider";
import { CallWindow } from "./call-window";
import { CallContext } from "./use-calls";

/**
 * This tab's calls: one CallEngine over the tab's socket, with the messaging engine's keys for encrypted
 * signalling, and the call window over everything while a call rings, goes on, or has just ended.
 */
export function CallProvider({ me, children }: { me: string; children: ReactNode }) {
  const { socket } = useSocket();
  const messaging = useMessagingEngine();
  const [engine, setEngine] = useState<CallEngine | null>(null);

  useEffect(() => {
    if (!socket) return;
    const calls = new CallEngine({
      transport: socketTransport(socket),
      me,
      deviceId: thisDevice,
      encrypted: (id) => messaging.store.getState().conversations[id]?.encrypted ?? false,
      seal: (id, content) => messaging.sealCallSignal(id, content),
      open: (id, from, encrypted) => messaging.openCallSignal(id, from, encrypted),
      iceServers: async () => (await request("GET /api/v1/calls/ice-servers")).iceServers,
      relayOnly: async () => (await request("GET /api/v1/users/me/privacy")).relayCalls,
      recentCalls: async () => (await request("GET /api/v1/calls")).calls,
      media: () => navigator.mediaDevices,
    });
    const stop = calls.start();
    setEngine(calls);
    return () => {
      stop();
      setEngine(null);
    };
  }, [socket, messaging, me]);

  return (
    <CallContext value={engine}>
      {children}
      {engine && <CallWindow engine={engine} />}
    </CallContext>
  );
}
