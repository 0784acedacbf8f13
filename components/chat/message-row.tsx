import { dayLabel } from "@/lib/client/format-time";
import { nameOf } from "@/lib/client/group-view";
import type { ChatItem } from "@/lib/client/selectors";
import { type ConversationSummary, messageStatus } from "@/lib/contracts/messaging";
import { MessageBubble } from "./message-bubble";
import type { GroupView } from "./use-sender-names";

const NO_MENTIONS: ReadonlySet<string> = new Set();

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

/** One row of the message list: a day separator, a group event, a message, or one of my pending messages. */
export function MessageRow({
  item,
  conversation,
  group,
  onInfo,
}: {
  item: ChatItem;
  conversation: ConversationSummary;
  /** Names and mentions in a group; null in a direct chat. */
  group: GroupView | null;
  onInfo: (seq: number) => void;
}) {
  if (item.kind === "day") {
    return (
      <div className="flex justify-center pt-3 pb-1">
        <DayChip at={item.at} />
      </div>
    );
  }
  if (item.kind === "system") {
    return (
      <div className="flex justify-center px-[4%] pt-2 md:px-[7%]">
        <p
          data-system-message={item.message.id}
          className="max-w-full rounded-lg bg-panel px-3 py-1.5 text-center text-[12.5px] leading-4 text-ink-muted shadow-sm [overflow-wrap:anywhere] dark:bg-[#182229]"
        >
          {item.message.text}
        </p>
      </div>
    );
  }
  if (item.kind === "pending") {
    const { id, text, createdAt } = item.item;
    return <MessageBubble id={id} text={text} at={new Date(createdAt)} mine first={item.first} sender="You" status="Pending" />;
  }
  const { message, mine, first } = item;
  const sender = mine ? "You" : group ? nameOf(group.users, message.senderId) : (conversation.peer?.displayName ?? "");
  return (
    <MessageBubble
      id={message.id}
      text={message.text}
      at={new Date(message.createdAt)}
      mine={mine}
      first={first}
      sender={sender}
      showSender={group !== null && !mine && first}
      senderId={message.senderId}
      mentions={group?.mentionable ?? NO_MENTIONS}
      status={mine ? messageStatus(message.seq, conversation) : undefined}
      onInfo={mine ? () => onInfo(message.seq) : undefined}
    />
  );
}

/** The date of the message a row belongs to. */
export function rowDate(item: ChatItem): Date {
  if (item.kind === "day") return item.at;
  return new Date(item.kind === "pending" ? item.item.createdAt : item.message.createdAt);
}
