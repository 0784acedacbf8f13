import { Fragment, useMemo } from "react";
import { type Mentionable, richParts } from "@/lib/shared/mentions";

const NONE: Mentionable = new Map();

/** Message text as text, with http(s) and mailto links made clickable and @mentions of members shown by name (bold, in `mentionClass`). */
export function LinkifiedText({
  text,
  mentions = NONE,
  mentionClass = "",
}: {
  text: string;
  mentions?: Mentionable;
  mentionClass?: string;
}) {
  const parts = useMemo(() => richParts(text, mentions), [text, mentions]);
  return parts.map((part, i) =>
    part.href ? (
      <a
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one text never reorder.
        key={i}
        href={part.href}
        target="_blank"
        rel="noopener noreferrer nofollow"
        className="text-[#027eb5] underline-offset-2 hover:underline dark:text-[#53bdeb]"
      >
        {part.text}
      </a>
    ) : part.mention ? (
      // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one text never reorder.
      <strong key={i} data-mention={part.mention} className={`font-semibold ${mentionClass}`}>
        {part.text}
      </strong>
    ) : (
      // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one text never reorder.
      <Fragment key={i}>{part.text}</Fragment>
    ),
  );
}
