import type { LinkPreview } from "@/lib/contracts/link-preview";

/** The site's name as a card shows it: the host without "www.". */
const domainOf = (url: string) => new URL(url).hostname.replace(/^www\./, "");

/** What a preview shows (WhatsApp's card): the thumbnail on the left, then title, description and domain. */
export function LinkPreviewBody({ preview }: { preview: LinkPreview }) {
  return (
    <>
      {preview.image && (
        // biome-ignore lint/performance/noImgElement: a data: URL carried in the message; nothing for next/image to optimise.
        <img src={preview.image} alt="" className="size-[88px] shrink-0 self-stretch object-cover" />
      )}
      <span className="flex min-w-0 flex-1 flex-col justify-center gap-0.5 px-2.5 py-2 text-start">
        <span className="line-clamp-2 text-[14px] leading-[19px] font-medium text-ink">{preview.title}</span>
        {preview.description && <span className="line-clamp-2 text-[13px] leading-[17px] text-ink-muted">{preview.description}</span>}
        <span className="truncate text-[12.5px] leading-4 text-ink-muted">{domainOf(preview.url)}</span>
      </span>
    </>
  );
}

/** A message's link preview, above its text: opens the link in a new tab. Made by the sender's app; nothing is fetched here. */
export function LinkPreviewCard({ preview, mine }: { preview: LinkPreview; mine: boolean }) {
  return (
    <a
      href={preview.url}
      target="_blank"
      rel="noopener noreferrer nofollow"
      data-link-preview
      // 330px wide, or as wide as the bubble when its text makes it wider.
      className={`flex w-[330px] max-w-full min-w-full overflow-hidden rounded-md transition-colors ${
        mine
          ? "bg-[#d1f4cc] hover:bg-[#c8efc2] dark:bg-[#025144] dark:hover:bg-[#02493d]"
          : "bg-[#f0f2f5] hover:bg-[#e9edef] dark:bg-[#1d282f] dark:hover:bg-[#18232a]"
      }`}
    >
      <LinkPreviewBody preview={preview} />
    </a>
  );
}
