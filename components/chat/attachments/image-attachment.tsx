"use client";

import { type CSSProperties, useCallback, useState } from "react";
import { useTranslations } from "use-intl";
import { mediaUrl, thumbnailUrl } from "@/lib/client/media-format";
import type { MessageFile } from "@/lib/contracts/messaging";
import { MediaViewer } from "./media-viewer";
import { type PendingUpload, UploadProgress } from "./upload-progress";

/** The largest a photo or video is shown in a bubble (CSS pixels), and the smallest. */
const MAX_SIDE = 330;
const MIN_WIDTH = 140;
const MIN_HEIGHT = 90;
/** Small pictures are enlarged at most this much (a 40px icon doesn't fill a 330px box). */
const MAX_ENLARGE = 2;

/**
 * The box a photo or video takes in its bubble: its aspect ratio fitted into MAX_SIDE x MAX_SIDE, never
 * smaller than MIN_WIDTH x MIN_HEIGHT (the picture is cropped to fill when its shape is extreme).
 * Unknown sizes get `fallback` (width / height). The box never grows past the bubble: its max-width allows
 * for the -mx-1 the box uses to reach 4px from the bubble's edges.
 */
export function mediaBoxStyle(width: number | null, height: number | null, fallback = 4 / 3): CSSProperties {
  const w = width && width > 0 ? width : MAX_SIDE;
  const h = height && height > 0 ? height : MAX_SIDE / fallback;
  const scale = Math.min(MAX_SIDE / w, MAX_SIDE / h, MAX_ENLARGE);
  const boxWidth = Math.round(Math.min(MAX_SIDE, Math.max(MIN_WIDTH, w * scale)));
  const boxHeight = Math.round(Math.min(MAX_SIDE, Math.max(MIN_HEIGHT, h * scale)));
  return { width: boxWidth, aspectRatio: `${boxWidth} / ${boxHeight}`, maxWidth: "calc(100% + 0.5rem)" };
}

/**
 * A photo in a bubble, nearly edge to edge: the blurred placeholder first, then the thumbnail fading in.
 * The photo is an "Open photo" button that opens the viewer. `url` (a pending message's blob: URL) replaces
 * both the thumbnail and the full image.
 */
export function ImageAttachment({
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
  const t = useTranslations("attachments");
  const [viewing, setViewing] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const [thumbFailed, setThumbFailed] = useState(false);
  const full = url ?? mediaUrl(file.fileId);
  const shown = url ?? (thumbFailed ? full : thumbnailUrl(file.fileId));
  // A cached image may be complete before React attaches onLoad.
  const seeIfLoaded = useCallback((img: HTMLImageElement | null) => {
    if (img?.complete && img.naturalWidth > 0) setLoaded(true);
  }, []);

  return (
    <div
      className="relative -mx-1 -mt-0.5 mb-1 overflow-hidden rounded-md bg-black/10 dark:bg-white/5"
      style={mediaBoxStyle(file.width, file.height)}
    >
      <button
        type="button"
        aria-label={t("image.open")}
        title={t("image.open")}
        onClick={() => setViewing(true)}
        className="group/photo absolute inset-0 block size-full cursor-zoom-in overflow-hidden focus-visible:outline-offset-[-3px]"
      >
        {file.placeholder && (
          // biome-ignore lint/performance/noImgElement: a tiny data: URL.
          <img aria-hidden alt="" src={file.placeholder} className="absolute inset-0 size-full scale-110 object-cover blur-lg" />
        )}
        {/* biome-ignore lint/performance/noImgElement: authenticated thumbnails and blob: previews; next/image adds nothing here. */}
        <img
          ref={seeIfLoaded}
          src={shown}
          alt={caption || t("photo")}
          loading="lazy"
          decoding="async"
          draggable={false}
          onLoad={() => setLoaded(true)}
          onError={() => {
            if (!url && !thumbFailed) setThumbFailed(true);
          }}
          className={`absolute inset-0 size-full object-cover transition-opacity duration-300 ${loaded ? "opacity-100" : "opacity-0"}`}
        />
        <span aria-hidden className="absolute inset-0 bg-black/0 transition-colors group-hover/photo:bg-black/5" />
      </button>
      {upload && (
        <div className="pointer-events-none absolute inset-0 flex items-center justify-center [&>*]:pointer-events-auto">
          <UploadProgress {...upload} variant="overlay" />
        </div>
      )}
      <MediaViewer open={viewing} url={full} fileName={file.fileName} caption={caption} onClose={() => setViewing(false)} />
    </div>
  );
}
