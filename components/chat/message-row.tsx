import { dayLabel } from "@/lib/client/format-time";
import type { ChatItem } from "@/lib/client/selectors";
import { type ConversationSummary, messageStatus } from "@/lib/contracts/messaging";
import { MessageBubble } from "./message-bubble";

/** The day chip: between days in the list, and floating at the top for the day being read. */
export function DayChip({ at, floating = false }: { at: Date; floating?: boolean }) {
  return (
    <span
      className={`rounded-lg bg-panel px-3 py-1.5 text-xs uppercase text-ink-muted shadow-sm dark:bg-[#182229] ${floating ? "pointer-events-none" : ""}`}
    >
      {dayLabel(at, new Date())}
    </span>
  );
}

/** One row of the message list: a day separator, a message, or one of my pending messages. */
export function MessageRow({ item, me, conversation }: { item: ChatItem; me: string; conversation: ConversationSummary }) {
  if (item.kind === "day") {
    return (
      <div className="flex justify-center pt-3 pb-1">
        <DayChip at={item.at} />
      </div>
    );
  }
  if (item.kind === "pending") {
    const { id, text, createdAt } = item.item;
    return <MessageBubble id={id} text={text} at={new Date(createdAt)} mine first={item.first} sender="You" status="Pending" />;
  }
  const { message, mine, first } = item;
  return (
    <MessageBubble
      id={message.id}
      text={message.text}
      at={new Date(message.createdAt)}
      mine={mine}
      first={first}
      sender={mine ? "You" : conversation.peer.displayName}
      status={mine ? messageStatus(message.seq, me, conversation.receipts) : undefined}
    />
  );
}

/** The date of the message a row belongs to. */
export function rowDate(item: ChatItem): Date {
  if (item.kind === "day") return item.at;
  return new Date(item.kind === "pending" ? item.item.createdAt : item.message.createdAt);
}
