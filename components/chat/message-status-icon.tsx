import { Check, CheckCheck, Clock } from "lucide-react";
import { useTranslations } from "use-intl";
import type { MessageStatus } from "@/lib/contracts/messaging";

const ICONS = { pending: Clock, sent: Check, delivered: CheckCheck, read: CheckCheck } as const;

/** The tick of one of my messages, named by its status ("Pending", "Sent", "Delivered" or "Read" in English). */
export function MessageStatusIcon({ status, className = "" }: { status: MessageStatus; className?: string }) {
  const t = useTranslations("chat.status");
  const Icon = ICONS[status];
  const name = t(status);
  return (
    <span
      role="img"
      aria-label={name}
      title={name}
      className={`inline-flex shrink-0 ${status === "read" ? "text-[#53bdeb]" : ""} ${className}`}
    >
      <Icon aria-hidden className={status === "pending" ? "size-3.5" : "size-4"} strokeWidth={status === "pending" ? 2 : 2.25} />
    </span>
  );
}
