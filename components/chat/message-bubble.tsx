import { clockTime } from "@/lib/client/format-time";
import type { MessageStatus } from "@/lib/contracts/messaging";
import { LinkifiedText } from "./linkified-text";
import { MessageStatusIcon } from "./message-status-icon";

/** One message: mine on the right in green, theirs on the left; time and (for mine) the tick inside. */
export function MessageBubble({
  id,
  text,
  at,
  mine,
  first,
  sender,
  status,
}: {
  /** The server id, or the client id while pending: the row's `data-message`. */
  id: string;
  text: string;
  at: Date;
  mine: boolean;
  /** First of a run from one sender: more space above, and the bubble's tail. */
  first: boolean;
  sender: string;
  status?: MessageStatus;
}) {
  const tone = mine ? "bg-[#d9fdd3] dark:bg-[#005c4b]" : "bg-white dark:bg-[#202c33]";
  const corner = first ? (mine ? "rounded-tr-none" : "rounded-tl-none") : "";
  return (
    <div className={`flex px-[4%] md:px-[7%] ${first ? "pt-2" : "pt-0.5"} ${mine ? "justify-end" : "justify-start"}`}>
      <div
        data-message={id}
        className={`relative max-w-[85%] rounded-lg px-2 pt-1.5 pb-2 text-[14.2px] leading-[19px] text-ink shadow-[0_1px_0.5px_rgba(11,20,26,0.13)] md:max-w-[65%] ${tone} ${corner}`}
      >
        {first && (
          <span
            aria-hidden
            className={`absolute top-0 h-3 w-2 ${tone} ${mine ? "-right-2 [clip-path:polygon(0_0,100%_0,0_100%)]" : "-left-2 [clip-path:polygon(0_0,100%_0,100%_100%)]"}`}
          />
        )}
        <span className="sr-only">{mine ? "You" : sender}:</span>
        <p className="whitespace-pre-wrap [overflow-wrap:anywhere]">
          <LinkifiedText text={text} />
          <span aria-hidden className={`inline-block ${mine ? "w-[70px]" : "w-[46px]"}`} />
        </p>
        <span className="absolute right-2 bottom-1 flex items-center gap-1 text-[11px] leading-none text-[#667781] dark:text-white/60">
          <time dateTime={at.toISOString()}>{clockTime(at)}</time>
          {status && <MessageStatusIcon status={status} />}
        </span>
      </div>
    </div>
  );
}
