import { Ban, Clock, Info, ShieldAlert } from "lucide-react";
import type { CSSProperties, MouseEvent, ReactNode } from "react";
import { useTranslations } from "use-intl";
import { useTimeFormat } from "@/components/i18n/use-time-format";
import { senderColor } from "@/lib/client/sender-color";
import type { MessageStatus } from "@/lib/contracts/messaging";
import type { Mentionable } from "@/lib/shared/mentions";
import { LinkifiedText } from "./linkified-text";
import { MessageStatusIcon } from "./message-status-icon";

/**
 * One message: mine on the right in green, theirs on the left; time and (for mine) the tick inside. In
 * groups the first of a run from someone else carries their name in their color. Mine that are stored
 * have a "Message info" button by the time: shown on hover or focus, always on touch screens.
 */
export function MessageBubble({
  id,
  text,
  at,
  mine,
  first,
  sender,
  showSender = false,
  senderId,
  mentions,
  status,
  onInfo,
  attachment,
  media,
  top,
  meta,
  metaWidth = 0,
  corner: cornerControl,
  below,
  deleted = false,
  sealed,
  highlighted = false,
  onContextMenu,
}: {
  /** The server id, or the client id while pending: the row's `data-message`. */
  id: string;
  text: string;
  at: Date;
  mine: boolean;
  /** First of a run from one sender: more space above, and the bubble's tail. */
  first: boolean;
  sender: string;
  /** Show the sender's name above the text (incoming group messages). */
  showSender?: boolean;
  senderId?: string;
  /** Usernames whose "@name" is highlighted. */
  mentions?: Mentionable;
  status?: MessageStatus;
  onInfo?: () => void;
  /** What the message carries (photo, document, card...), above its text, which is then the caption. */
  attachment?: ReactNode;
  /** How the attachment sits: "photo" (a photo or video: without a caption the time sits on it) or "card" (a map). Both set the bubble's width. */
  media?: "photo" | "card";
  /** Above the content: "Forwarded", the quoted message. */
  top?: ReactNode;
  /** Beside the time: "Edited", a star. `metaWidth` is the room they take, in pixels. */
  meta?: ReactNode;
  metaWidth?: number;
  /** In the top corner: the message's menu (and what it opens). */
  corner?: ReactNode;
  /** Under the bubble: its reactions. */
  below?: ReactNode;
  /** Deleted for everyone: a placeholder instead of the content. */
  deleted?: boolean;
  /** End-to-end encrypted and not decrypted: waiting for its key, or undecryptable for good. A placeholder instead of the content. */
  sealed?: "waiting" | "failed";
  /** Just jumped to: flashes. */
  highlighted?: boolean;
  onContextMenu?: (event: MouseEvent<HTMLDivElement>) => void;
}) {
  const t = useTranslations("chat.bubble");
  const time = useTimeFormat();
  const overlay = media === "photo" && !text && !deleted;
  const tone = mine ? "bg-[#d9fdd3] dark:bg-[#005c4b]" : "bg-white dark:bg-[#202c33]";
  const corner = first ? (mine ? "rounded-se-none" : "rounded-ss-none") : "";
  const color = showSender && senderId ? senderColor(senderId) : null;
  return (
    <div
      className={`flex flex-col px-[4%] md:px-[7%] ${first ? "pt-2" : "pt-0.5"} ${mine ? "items-end" : "items-start"} ${below ? "pb-1" : ""}`}
    >
      {/* biome-ignore lint/a11y/noStaticElementInteractions: a right-click shortcut to the message's menu, whose button is the keyboard way in. */}
      <div
        data-message={id}
        data-highlighted={highlighted || undefined}
        onContextMenu={onContextMenu}
        className={`group relative max-w-[85%] rounded-lg transition-[filter] duration-700 data-highlighted:brightness-90 data-highlighted:dark:brightness-125 ${attachment ? "px-1 pt-1" : "px-2 pt-1.5"} ${overlay ? "pb-1" : "pb-2"} ${media ? "w-min" : ""} text-[14.2px] leading-[19px] text-ink shadow-[0_1px_0.5px_rgba(11,20,26,0.13)] md:max-w-[65%] ${tone} ${corner}`}
      >
        {first && (
          <span
            aria-hidden
            className={`absolute top-0 h-3 w-2 ${tone} ${mine ? "-end-2 [clip-path:polygon(0_0,100%_0,0_100%)]" : "-start-2 [clip-path:polygon(0_0,100%_0,100%_100%)]"}`}
          />
        )}
        {color ? (
          <p
            style={{ "--sender-light": color.light, "--sender-dark": color.dark } as CSSProperties}
            className={`truncate pb-0.5 ${attachment ? "px-1" : ""} text-[12.8px] font-medium leading-[22px] text-(--sender-light) dark:text-(--sender-dark)`}
          >
            {sender}
            <span className="sr-only">:</span>
          </p>
        ) : (
          <span className="sr-only">{sender}:</span>
        )}
        {cornerControl}
        {top}
        {deleted ? (
          <p className="flex items-center gap-1.5 text-ink-muted italic">
            <Ban aria-hidden className="size-4 shrink-0" />
            {mine ? t("deletedByMe") : t("deleted")}
            <span aria-hidden className="inline-block" style={{ width: 46 + metaWidth }} />
          </p>
        ) : sealed ? (
          <p className="flex items-center gap-1.5 text-ink-muted italic">
            {sealed === "waiting" ? (
              <Clock aria-hidden className="size-4 shrink-0" />
            ) : (
              <ShieldAlert aria-hidden className="size-4 shrink-0" />
            )}
            {sealed === "waiting" ? t("waiting") : t("undecryptable")}
            <span aria-hidden className="inline-block" style={{ width: 46 + metaWidth }} />
          </p>
        ) : (
          attachment
        )}
        {!deleted && attachment && !text && !overlay && <div aria-hidden className="h-3.5" />}
        {deleted || sealed ? null : text !== "" || !attachment ? (
          <p className={`whitespace-pre-wrap [overflow-wrap:anywhere] ${attachment ? "px-1 pt-1" : ""}`}>
            {/* On touch screens the options chevron always shows in the top corner: the first line makes room for it. */}
            {cornerControl && (
              <span aria-hidden className="hidden pointer-coarse:float-end pointer-coarse:block pointer-coarse:h-4 pointer-coarse:w-5" />
            )}
            {/* Isolated in its own direction (a Spanish message reads left to right in the Arabic app), the room for the time after it. */}
            <bdi>
              <LinkifiedText
                text={text}
                mentions={mentions}
                mentionClass={mine ? "text-[#00684f] dark:text-[#7ae3c3]" : "text-brand-strong dark:text-brand"}
              />
            </bdi>
            <span aria-hidden className="inline-block" style={{ width: (onInfo ? 92 : mine ? 70 : 46) + metaWidth }} />
          </p>
        ) : null}
        <span
          className={`absolute flex items-center gap-1 text-[11px] leading-none ${
            overlay
              ? "end-2.5 bottom-2.5 rounded-full bg-black/35 px-1.5 py-1 text-white [&_svg]:text-white"
              : "end-2 bottom-1 text-ink-muted dark:text-white/75"
          }`}
        >
          {meta}
          {onInfo && (
            <button
              type="button"
              aria-label={t("info")}
              title={t("info")}
              onClick={onInfo}
              className="-my-1 rounded-full p-0.5 opacity-0 transition-opacity hover:text-ink group-hover:opacity-100 focus:opacity-100 pointer-coarse:opacity-100"
            >
              <Info aria-hidden className="size-3.5" />
            </button>
          )}
          <time dateTime={at.toISOString()}>{time.clock(at)}</time>
          {status && <MessageStatusIcon status={status} />}
        </span>
      </div>
      {below}
    </div>
  );
}
