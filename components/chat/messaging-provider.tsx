"use client";

import { createContext, type ReactNode, useEffect, useState } from "react";
import { api } from "@/lib/api-client";
import { browserActivity } from "@/lib/client/activity";
import { MessagingEngine } from "@/lib/client/messaging-engine";
import { openClientStore } from "@/lib/client/outbox";
import { requestBackgroundSync } from "@/lib/client/pwa";
import { socketTransport } from "@/lib/client/transport";
import { tusUpload } from "@/lib/client/tus-upload";
import type { PublicUser } from "@/lib/contracts/users";
import { useSocket } from "../realtime/socket-provider";

export const MessagingContext = createContext<MessagingEngine | null>(null);

/** One messaging engine per tab for the signed-in user, running over the tab's socket. */
export function MessagingProvider({ me, children }: { me: PublicUser; children: ReactNode }) {
  const { socket } = useSocket();
  const [engine] = useState(
    () =>
      new MessagingEngine({
        me: me.id,
        username: me.username,
        openStore: () => openClientStore(me.id),
        fetchJson: api,
        activity: browserActivity(),
        upload: tusUpload,
        backgroundSync: requestBackgroundSync,
      }),
  );
  useEffect(() => (socket ? engine.start(socketTransport(socket)) : undefined), [engine, socket]);
  return <MessagingContext value={engine}>{children}</MessagingContext>;
}
