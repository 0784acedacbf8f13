"use client";

import { useEffect, useEffectEvent } from "react";
import type { PublicUser } from "@/lib/contracts/users";
import { useSocket } from "./socket-provider";

/** Calls `onUpdate` whenever any user's public profile changes (the `user:updated` event). */
export function useUserUpdates(onUpdate: (user: PublicUser) => void): void {
  const { socket } = useSocket();
  const handler = useEffectEvent(onUpdate);
  useEffect(() => {
    if (!socket) return;
    const listener = (user: PublicUser) => handler(user);
    socket.on("user:updated", listener);
    return () => {
      socket.off("user:updated", listener);
    };
  }, [socket]);
}
