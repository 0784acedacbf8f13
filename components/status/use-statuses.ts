"use client";

import { useEffect, useState, useSyncExternalStore } from "react";
import { useTranslations } from "use-intl";
import { request } from "@/lib/api-client";
import { StatusStore } from "@/lib/client/status-store";
import type { Status } from "@/lib/contracts/status";
import { useMessagingEngine } from "../chat/use-messaging";
import { useSocket } from "../realtime/socket-provider";

/**
 * The status feed: fetched once the page opens (and after every reconnect, since pushes missed while away
 * aren't replayed), then kept live by the socket's status events; encrypted statuses show decrypted by the
 * engine's device. Use it through StatusProvider.
 */
export function useStatuses(me: string) {
  const { socket } = useSocket();
  const engine = useMessagingEngine();
  const [store] = useState(() => new StatusStore(me, (status) => engine.statuses.open(status)));
  useEffect(() => engine.statuses.onChanged(() => store.reopen()), [engine, store]);
  const t = useTranslations("status.panel");
  /** Why the feed couldn't load (the server's reason), or null. */
  const [error, setError] = useState<string | null>(null);
  const state = useSyncExternalStore(store.subscribe, store.getState, store.getState);

  useEffect(() => {
    const load = () =>
      request("GET /api/v1/statuses").then(
        (feed) => {
          store.setFeed(feed);
          setError(null);
        },
        (e: Error) => setError(e.message),
      );
    void load();
    if (!socket) return;
    const posted = (status: Status) => {
      if (!store.posted(status)) void load();
    };
    const removed = store.removed.bind(store);
    const viewed = store.viewed.bind(store);
    const reconnected = () => void load();
    socket.on("status:posted", posted);
    socket.on("status:removed", removed);
    socket.on("status:viewed", viewed);
    socket.io.on("reconnect", reconnected);
    return () => {
      socket.off("status:posted", posted);
      socket.off("status:removed", removed);
      socket.off("status:viewed", viewed);
      socket.io.off("reconnect", reconnected);
    };
  }, [socket, store]);

  return { ...state, error: error === null ? null : t("loadFailed", { reason: error }), store };
}
