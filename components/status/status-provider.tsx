"use client";

import { createContext, type ReactNode, useContext } from "react";
import { useStatuses } from "./use-statuses";

type StatusFeedState = ReturnType<typeof useStatuses>;
const StatusContext = createContext<StatusFeedState | null>(null);

/**
 * The status feed for the whole page, not only the Status tab: the rail shows when there are unseen
 * updates, and the tab opens on a feed that is already current.
 */
export function StatusProvider({ me, children }: { me: string; children: ReactNode }) {
  return <StatusContext value={useStatuses(me)}>{children}</StatusContext>;
}

export function useStatusFeed(): StatusFeedState {
  const feed = useContext(StatusContext);
  if (!feed) throw new Error("useStatusFeed needs a StatusProvider");
  return feed;
}
