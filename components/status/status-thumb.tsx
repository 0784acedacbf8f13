import { Video } from "lucide-react";
import { thumbnailUrl } from "@/lib/client/media-format";
import { FONTS } from "@/lib/client/status-style";
import type { Status } from "@/lib/contracts/status";

/** A small square of a status: its text on its colour, a photo's thumbnail, or a video's mark. */
export function StatusThumb({ status }: { status: Pick<Status, "kind" | "text" | "background" | "font" | "file"> }) {
  const box = "flex size-10 shrink-0 items-center justify-center overflow-hidden rounded-md";
  if (status.kind === "text")
    return (
      <span
        aria-hidden
        className={`${box} px-1 text-center text-[9px] leading-tight text-white`}
        style={{ background: status.background ?? undefined, ...FONTS[status.font ?? "sans"].style }}
      >
        <span className="line-clamp-3 [overflow-wrap:anywhere]">{status.text}</span>
      </span>
    );
  if (status.kind === "image" && status.file)
    // biome-ignore lint/performance/noImgElement: the API's own thumbnail.
    return <img src={thumbnailUrl(status.file.fileId)} alt="" className={`${box} object-cover`} />;
  return (
    <span aria-hidden className={`${box} bg-[#0b141a] text-white`}>
      <Video className="size-5" />
    </span>
  );
}
