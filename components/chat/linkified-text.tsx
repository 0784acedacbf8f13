import { Fragment, useMemo } from "react";
import { linkParts } from "@/lib/client/linkify";

/** Message text as text, with http(s) and mailto links made clickable. */
export function LinkifiedText({ text }: { text: string }) {
  const parts = useMemo(() => linkParts(text), [text]);
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
    ) : (
      // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one text never reorder.
      <Fragment key={i}>{part.text}</Fragment>
    ),
  );
}
