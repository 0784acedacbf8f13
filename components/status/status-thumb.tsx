"use client";

import { Lock, Video } from "lucide-react";
import type { ShownStatus } from "@/lib/client/e2ee/status-sealing";
import { thumbnailUrl } from "@/lib/client/media-format";
import { FONTS } from "@/lib/client/status-style";
import { useSealedFile } from "../chat/attachments/sealed-attachment";

const BOX = "flex size-10 shrink-0 items-center justify-center overflow-hidden rounded-md";

type Thumbed = Pick<ShownStatus, "kind" | "text" | "background" | "font" | "file" | "sealedFile">;

/**
 * A small square of a status: its text on its colour, a photo's thumbnail (an encrypted photo decrypted,
 * its placeholder meanwhile), a video's mark, or a lock for one not decrypted.
 */
export function StatusThumb({ status }: { status: Thumbed }) {
  if (status.kind === "text")
    return (
      <span
        aria-hidden
        className={`${BOX} px-1 text-center text-[9px] leading-tight text-white`}
        style={{ background: status.background ?? undefined, ...FONTS[status.font ?? "sans"].style }}
      >
        <span className="line-clamp-3 break-words hyphens-auto">{status.text}</span>
      </span>
    );
  if (status.kind === "image" && status.sealedFile) return <SealedPhotoThumb status={status} />;
  if (status.kind === "image" && status.file)
    // biome-ignore lint/performance/noImgElement: the API's own thumbnail.
    return <img src={thumbnailUrl(status.file.fileId)} alt="" className={`${BOX} object-cover`} />;
  const Icon = status.kind === "video" ? Video : Lock;
  return (
    <span aria-hidden className={`${BOX} bg-[#0b141a] text-white`}>
      <Icon className="size-5" />
    </span>
  );
}

function SealedPhotoThumb({ status }: { status: Thumbed }) {
  const { state } = useSealedFile(status, true);
  const src = state.status === "open" ? state.url : status.file?.placeholder;
  if (!src) return <span aria-hidden className={`${BOX} bg-[#0b141a]`} />;
  // biome-ignore lint/performance/noImgElement: a decrypted blob: URL (or a tiny data: URL while it is decrypted).
  return <img src={src} alt="" className={`${BOX} object-cover ${state.status === "open" ? "" : "blur-[1px]"}`} />;
}
