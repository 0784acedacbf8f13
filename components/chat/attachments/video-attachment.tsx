"use client";

import { Video } from "lucide-react";
import { useState } from "react";
import { useTranslations } from "use-intl";
import { mediaUrl } from "@/lib/client/media-format";
import type { MessageFile } from "@/lib/contracts/messaging";
import { durationLabel } from "@/lib/shared/duration";
import { claimPlayback } from "./audio-attachment";
import { mediaBoxStyle } from "./image-attachment";
import { type PendingUpload, UploadProgress } from "./upload-progress";

/**
 * A video played in its bubble with the browser's controls (the server answers Range requests, so it
 * seeks). Sized by its aspect ratio when known, else 16:9 until its metadata arrives; the duration badge
 * shows until it first plays.
 */
export function VideoAttachment({
  file,
  caption,
  url,
  upload,
}: {
  file: MessageFile;
  caption: string;
  url?: string;
  upload?: PendingUpload;
}) {
  const t = useTranslations("attachments.video");
  const [started, setStarted] = useState(false);
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  const width = file.width ?? size?.width ?? null;
  const height = file.height ?? size?.height ?? null;
  return (
    <div className="relative -mx-1 -mt-0.5 mb-1 overflow-hidden rounded-md bg-black" style={mediaBoxStyle(width, height, 16 / 9)}>
      {/* biome-ignore lint/a11y/useMediaCaption: people's own videos come without caption tracks. */}
      <video
        src={url ?? mediaUrl(file.fileId)}
        controls
        preload="metadata"
        playsInline
        aria-label={caption || t("label")}
        onLoadedMetadata={(e) => {
          const v = e.currentTarget;
          if (v.videoWidth > 0 && v.videoHeight > 0) setSize({ width: v.videoWidth, height: v.videoHeight });
        }}
        onPlay={(e) => {
          setStarted(true);
          claimPlayback(e.currentTarget);
        }}
        className="absolute inset-0 size-full object-contain"
      />
      {file.duration !== null && !started && (
        <span className="pointer-events-none absolute top-1.5 start-1.5 flex items-center gap-1 rounded-full bg-black/55 py-0.5 pe-2 ps-1.5 text-[11px] leading-4 text-white">
          <Video aria-hidden className="size-3.5" />
          <span className="sr-only">{`${t("length")} `}</span>
          {durationLabel(file.duration)}
        </span>
      )}
      {upload && (
        <div className="pointer-events-none absolute inset-0 flex items-center justify-center bg-black/20 [&>*]:pointer-events-auto">
          <UploadProgress {...upload} variant="overlay" />
        </div>
      )}
    </div>
  );
}
