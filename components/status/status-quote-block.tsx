import { CircleDashed } from "lucide-react";
import type { CSSProperties } from "react";
import { useTranslations } from "use-intl";
import { senderColor } from "@/lib/client/sender-color";
import { statusLine } from "@/lib/client/status-style";
import type { StatusQuote } from "@/lib/contracts/status";
import { StatusThumb } from "./status-thumb";

/**
 * The status a reply answers, above the reply in its bubble like a quoted message: whose status, labelled
 * "Status", one line of it and a small picture of it (its colour and text, or a photo's placeholder). It is
 * a copy: it stays after the status itself is gone.
 */
export function StatusQuoteBlock({
  quote,
  owner,
  mine = false,
  yours,
}: {
  quote: StatusQuote;
  owner: string;
  mine?: boolean;
  /** The status is my own (the label says "your status"). */
  yours: boolean;
}) {
  const t = useTranslations("status.quote");
  const tStatus = useTranslations("system.status");
  const color = senderColor(quote.userId);
  const line = statusLine(tStatus, quote);
  return (
    <figure
      aria-label={yours ? t("labelMine", { line }) : t("label", { owner, line })}
      style={{ "--sender-light": color.light, "--sender-dark": color.dark } as CSSProperties}
      className={`m-0 flex w-full min-w-0 overflow-hidden rounded-md border-s-4 border-(--sender-light) dark:border-(--sender-dark) ${mine ? "bg-[#d1f4cc] dark:bg-[#025144]" : "bg-[#f5f6f6] dark:bg-[#1d282f]"}`}
    >
      <span className="min-w-0 flex-1 py-1.5 pe-2 ps-2.5">
        <span className="block truncate text-[12.8px] font-medium leading-5 text-(--sender-light) dark:text-(--sender-dark)">
          {t("heading", { owner })}
        </span>
        <span className="flex items-center gap-1 text-[13px] leading-[18px] text-ink-muted">
          <CircleDashed aria-hidden className="size-3.5 shrink-0" />
          <span className="line-clamp-2 [overflow-wrap:anywhere]">{line}</span>
        </span>
      </span>
      {quote.thumbnail ? (
        // biome-ignore lint/performance/noImgElement: a tiny data: URL copied into the quote.
        <img src={quote.thumbnail} alt="" className="size-[52px] shrink-0 object-cover blur-[1px]" />
      ) : (
        <span className="flex size-[52px] shrink-0 items-stretch [&>*]:size-full! [&>*]:rounded-none!">
          <StatusThumb status={{ ...quote, file: undefined }} />
        </span>
      )}
    </figure>
  );
}
