"use client";

import { ArrowLeft, Info } from "lucide-react";
import { lastSeen } from "@/lib/client/format-time";
import type { ConversationSummary } from "@/lib/contracts/messaging";
import { useSocket } from "../realtime/socket-provider";
import { Avatar } from "../ui/avatar";
import { IconButton } from "../ui/icon-button";
import { useMessaging } from "./use-messaging";

/**
 * The open chat's header: Back (phones), the peer, and their presence ("online", "typing...", "last seen ...").
 * Without a connection presence is unknown, so it says "connecting..." (on phones the list's banner is hidden).
 */
export function ChatHeader({
  conversation,
  onBack,
  onContactInfo,
}: {
  conversation: ConversationSummary;
  onBack: () => void;
  onContactInfo: () => void;
}) {
  const { typing, presence } = useMessaging();
  const connection = useSocket().status;
  const { peer } = conversation;
  const status =
    connection === "offline"
      ? "connecting..."
      : typing[conversation.id]?.includes(peer.id)
        ? "typing..."
        : lastSeen(presence[peer.id], new Date());
  return (
    <header className="flex h-[59px] shrink-0 items-center gap-3 border-l border-line bg-panel-header px-4">
      <IconButton label="Back" onClick={onBack} className="-ml-2 md:hidden">
        <ArrowLeft aria-hidden className="size-6" />
      </IconButton>
      <Avatar src={peer.avatarUrl} name={peer.displayName} size="sm" />
      <div className="flex min-w-0 flex-1 flex-col">
        <h2 className="truncate text-base text-ink">{peer.displayName}</h2>
        {status && (
          <p data-testid="presence" className={`truncate text-xs ${status === "typing..." ? "text-brand" : "text-ink-muted"}`}>
            {status}
          </p>
        )}
      </div>
      <IconButton label="Contact info" onClick={onContactInfo}>
        <Info aria-hidden className="size-5" />
      </IconButton>
    </header>
  );
}
