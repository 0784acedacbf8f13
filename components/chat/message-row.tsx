import { dayLabel } from "@/lib/client/format-time";
import { nameOf } from "@/lib/client/group-view";
import { type MessageContent, pendingContent } from "@/lib/client/message-preview";
import type { OutboxItem } from "@/lib/client/outbox";
import type { ChatItem } from "@/lib/client/selectors";
import { type ConversationSummary, type MessageType, messageStatus } from "@/lib/contracts/messaging";
import { MessageAttachment } from "./attachments/message-attachment";
import { MessageBubble } from "./message-bubble";
import { useMessagingEngine } from "./use-messaging";
import { useObjectUrl } from "./use-object-url";
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
  onOpenUser,
}: {
  item: ChatItem;
  conversation: ConversationSummary;
  /** Names and mentions in a group; null in a direct chat. */
  group: GroupView | null;
  onInfo: (seq: number) => void;
  /** A shared contact card's "Message" button. */
  onOpenUser: (user: { id: string; displayName: string }) => void;
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
  if (item.kind === "pending") return <PendingRow item={item.item} first={item.first} />;
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
      media={MEDIA[message.type]}
      attachment={
        message.type === "text" ? undefined : (
          <MessageAttachment
            message={message}
            mine={mine}
            onOpenChat={(id) => onOpenUser({ id, displayName: message.contact?.displayName ?? "" })}
            contactAvatarSrc={message.contact ? (group?.users[message.contact.userId]?.avatarUrl ?? null) : undefined}
          />
        )
      }
    />
  );
}

/** Shown edge to edge, the bubble as wide as they are. */
const MEDIA: Partial<Record<MessageType, "photo" | "card">> = { image: "photo", video: "photo", location: "card" };

/** One of my messages not stored yet: its file from this device, with the upload's progress and a cancel button. */
function PendingRow({ item, first }: { item: OutboxItem; first: boolean }) {
  const engine = useMessagingEngine();
  const url = useObjectUrl(item.upload?.blob);
  const content: MessageContent = pendingContent(item);
  const uploading = Boolean(item.upload && !item.fileId);
  return (
    <MessageBubble
      id={item.id}
      text={item.text}
      at={new Date(item.createdAt)}
      mine
      first={first}
      sender="You"
      status="Pending"
      media={MEDIA[content.type]}
      attachment={
        content.type === "text" ? undefined : (
          <MessageAttachment
            message={content}
            mine
            source={url ? { url } : undefined}
            progress={uploading ? (item.progress ?? 0) : undefined}
            onCancel={uploading ? () => void engine.cancel(item.id) : undefined}
          />
        )
      }
    />
  );
}

/** The date of the message a row belongs to. */
export function rowDate(item: ChatItem): Date {
  if (item.kind === "day") return item.at;
  return new Date(item.kind === "pending" ? item.item.createdAt : item.message.createdAt);
}
