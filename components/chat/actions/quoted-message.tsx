"use client";

import { FileText, Image as ImageIcon, Mic, Video } from "lucide-react";
import { type CSSProperties, useState } from "react";
import { useTranslations } from "use-intl";
import { thumbnailUrl } from "@/lib/client/media-format";
import { senderColor } from "@/lib/client/sender-color";
import type { MessageType, QuotedMessage } from "@/lib/contracts/messaging";
import { previewText } from "@/lib/shared/message-preview";

const ICONS: Partial<Record<MessageType, typeof ImageIcon>> = {
  image: ImageIcon,
  video: Video,
  voice: Mic,
  audio: Mic,
  document: FileText,
};

/**
 * The message a reply quotes, inside the reply's bubble or above the message box: who wrote it (in their
 * colour), one line of it and a thumbnail of a photo. `onOpen` makes it a button that goes to the message.
 */
export function QuotedMessageBlock({
  quote,
  sender,
  mine = false,
  onOpen,
}: {
  quote: QuotedMessage;
  /** The quoted message's sender as shown ("You", or their name). */
  sender: string;
  /** Inside one of my bubbles (a darker shade of its green). */
  mine?: boolean;
  onOpen?: () => void;
}) {
  const t = useTranslations("chatActions.quoted");
  const tPreview = useTranslations("system.preview");
  const gone = quote.type === null;
  const line = gone ? t("unavailable") : previewText(tPreview, { ...quote, type: quote.type as MessageType });
  const Icon = quote.type ? ICONS[quote.type] : undefined;
  const color = quote.senderId ? senderColor(quote.senderId) : null;
  // An encrypted file's thumbnail comes inside the message; the server has none of it (for one quoted
  // without its thumbnail, the blurred placeholder stands in).
  const [noThumbnail, setNoThumbnail] = useState(false);
  const visual = quote.file && (quote.type === "image" || quote.type === "video") ? quote.file : null;
  const thumbnail = visual ? (visual.thumbnail ?? (noThumbnail ? visual.placeholder : thumbnailUrl(visual.fileId))) : null;
  const body = (
    <>
      <span className="min-w-0 flex-1 py-1.5 pe-2 ps-2.5 text-start">
        <span
          style={color ? ({ "--sender-light": color.light, "--sender-dark": color.dark } as CSSProperties) : undefined}
          className="block truncate text-[12.8px] font-medium leading-5 text-(--sender-light) dark:text-(--sender-dark)"
        >
          {sender}
        </span>
        <span className="flex items-center gap-1 text-[13px] leading-[18px] text-ink-muted">
          {Icon && <Icon aria-hidden className="size-3.5 shrink-0" />}
          <span className={`line-clamp-2 [overflow-wrap:anywhere] ${gone ? "italic" : ""}`}>{line}</span>
        </span>
      </span>
      {thumbnail && (
        // biome-ignore lint/performance/noImgElement: a same-origin thumbnail the API serves; next/image would resize it again.
        <img
          src={thumbnail}
          alt=""
          onError={() => setNoThumbnail(true)}
          className={`size-[52px] shrink-0 object-cover ${noThumbnail ? "blur-[2px]" : ""}`}
        />
      )}
    </>
  );
  const shape = `flex w-full min-w-0 overflow-hidden rounded-md border-s-4 border-(--sender-light) dark:border-(--sender-dark) ${mine ? "bg-[#d1f4cc] dark:bg-[#025144]" : "bg-[#f5f6f6] dark:bg-[#1d282f]"}`;
  const style = { "--sender-light": color?.light ?? "#06cf9c", "--sender-dark": color?.dark ?? "#06cf9c" } as CSSProperties;
  return onOpen ? (
    <button
      type="button"
      onClick={onOpen}
      aria-label={t("goTo", { sender, text: line })}
      style={style}
      className={`${shape} hover:brightness-95`}
    >
      {body}
    </button>
  ) : (
    <div style={style} className={shape}>
      {body}
    </div>
  );
}
