"use client";

import type { Ref } from "react";
import { mediaUrl } from "@/lib/client/media-format";
import { FONTS } from "@/lib/client/status-style";
import type { Status } from "@/lib/contracts/status";

/**
 * One status as the viewer shows it, filling its box: a text on its colour in its font, a photo, or a
 * video (played without controls: the viewer's bar and buttons drive it) with the caption below.
 */
export function StatusContent({
  status,
  videoRef,
  onVideoReady,
  onVideoTime,
  onVideoEnded,
}: {
  status: Status;
  videoRef?: Ref<HTMLVideoElement>;
  /** The video's own length, once known (the bar runs for it). */
  onVideoReady?: (seconds: number) => void;
  /** Where the video is (seconds), as it plays. */
  onVideoTime?: (seconds: number) => void;
  onVideoEnded?: () => void;
}) {
  if (status.kind === "text") {
    const font = FONTS[status.font ?? "sans"];
    return (
      <div className="flex size-full items-center justify-center p-8" style={{ background: status.background ?? undefined }}>
        <p
          className="max-w-2xl text-center text-[clamp(1.5rem,4vw,2.5rem)] leading-snug text-white [overflow-wrap:anywhere] whitespace-pre-wrap"
          style={font.style}
        >
          {status.text}
        </p>
      </div>
    );
  }
  const url = mediaUrl(status.file?.fileId ?? "");
  return (
    <div className="relative flex size-full items-center justify-center bg-black">
      {status.kind === "image" ? (
        // biome-ignore lint/performance/noImgElement: the API serves the photo itself; next/image would copy it.
        <img src={url} alt={status.text || "Photo status"} className="max-h-full max-w-full object-contain" />
      ) : (
        // biome-ignore lint/a11y/useMediaCaption: people's own videos come without caption tracks; the caption shows below.
        <video
          ref={videoRef}
          src={url}
          autoPlay
          playsInline
          aria-label={status.text || "Video status"}
          className="max-h-full max-w-full"
          onLoadedMetadata={(e) => onVideoReady?.(e.currentTarget.duration)}
          onTimeUpdate={(e) => onVideoTime?.(e.currentTarget.currentTime)}
          onEnded={onVideoEnded}
        />
      )}
      {status.text && (
        <p className="absolute inset-x-0 bottom-0 bg-gradient-to-t from-black/70 to-transparent px-6 pt-10 pb-24 text-center text-[15px] text-white [overflow-wrap:anywhere] whitespace-pre-wrap">
          {status.text}
        </p>
      )}
    </div>
  );
}
