import { Check, CheckCheck, Clock } from "lucide-react";
import type { MessageStatus } from "@/lib/contracts/messaging";

const ICONS = { Pending: Clock, Sent: Check, Delivered: CheckCheck, Read: CheckCheck } as const;

/** The tick of one of my messages, named by its status ("Pending", "Sent", "Delivered" or "Read"). */
export function MessageStatusIcon({ status, className = "" }: { status: MessageStatus; className?: string }) {
  const Icon = ICONS[status];
  return (
    <span
      role="img"
      aria-label={status}
      title={status}
      className={`inline-flex shrink-0 ${status === "Read" ? "text-[#53bdeb]" : ""} ${className}`}
    >
      <Icon aria-hidden className={status === "Pending" ? "size-3.5" : "size-4"} strokeWidth={status === "Pending" ? 2 : 2.25} />
    </span>
  );
}
