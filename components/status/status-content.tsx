"use client";

import { Lock, ShieldAlert } from "lucide-react";
import type { Ref } from "react";
import { useTranslations } from "use-intl";
import type { ShownStatus } from "@/lib/client/e2ee/status-sealing";
import { mediaUrl } from "@/lib/client/media-format";
import { FONTS } from "@/lib/client/status-style";
import { useSealedFile } from "../chat/attachments/sealed-attachment";
import { Spinner } from "../ui/spinner";

interface VideoEvents {
  videoRef?: Ref<HTMLVideoElement>;
  /** The video's own length, once known (the bar runs for it). */
  onVideoReady?: (seconds: number) => void;
  /** Where the video is (seconds), as it plays. */
  onVideoTime?: (seconds: number) => void;
  onVideoEnded?: () => void;
}

/**
 * One status as the viewer shows it, filling its box: a text on its colour in its font, a photo, or a
 * video (played without controls: the viewer's bar and buttons drive it) with the caption below. An
 * encrypted status shows once decrypted (its photo or video downloaded and decrypted first); until then,
 * or if it can't be, a notice says so.
 */
export function StatusContent({ status, ...video }: { status: ShownStatus } & VideoEvents) {
  const t = useTranslations("status.content");
  if (status.e2ee === "waiting") return <Notice icon="lock" text={t("waiting")} />;
  if (status.e2ee === "failed" || status.kind === "encrypted") return <Notice icon="alert" text={t("failed")} />;
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
  return <StatusMedia status={status} {...video} />;
}

function StatusMedia({ status, videoRef, onVideoReady, onVideoTime, onVideoEnded }: { status: ShownStatus } & VideoEvents) {
  const t = useTranslations("status.content");
  const sealed = Boolean(status.sealedFile);
  const { state } = useSealedFile(status, sealed);
  const url = !sealed ? mediaUrl(status.file?.fileId ?? "") : state.status === "open" ? state.url : null;
  const placeholder = status.file?.placeholder;
  return (
    <div className="relative flex size-full items-center justify-center bg-black">
      {state.status === "failed" ? (
        <Notice icon="alert" text={state.reason} retry={state.retry} />
      ) : !url ? (
        <>
          {placeholder && (
            // biome-ignore lint/performance/noImgElement: a tiny data: URL standing in while the photo is decrypted.
            <img src={placeholder} alt="" className="absolute inset-0 size-full object-contain blur-lg" />
          )}
          <span className="relative rounded-full bg-black/50 p-3">
            <Spinner label={status.kind === "video" ? t("openingVideo") : t("openingPhoto")} />
          </span>
        </>
      ) : status.kind === "image" ? (
        // biome-ignore lint/performance/noImgElement: the API serves the photo itself (or its decrypted blob); next/image would copy it.
        <img src={url} alt={status.text || t("photo")} className="max-h-full max-w-full object-contain" />
      ) : (
        // biome-ignore lint/a11y/useMediaCaption: people's own videos come without caption tracks; the caption shows below.
        <video
          ref={videoRef}
          src={url}
          autoPlay
          playsInline
          aria-label={status.text || t("video")}
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

/** In place of a status that can't be shown (yet): why, and Try again when that may help. */
function Notice({ icon, text, retry }: { icon: "lock" | "alert"; text: string; retry?: () => void }) {
  const t = useTranslations("status.content");
  const Icon = icon === "lock" ? Lock : ShieldAlert;
  return (
    <div className="flex size-full flex-col items-center justify-center gap-3 bg-[#0b141a] p-8 text-center">
      <Icon aria-hidden className="size-10 text-white/70" />
      <p role={icon === "alert" ? "alert" : "status"} className="max-w-sm text-[15px] text-white/90">
        {text}
      </p>
      {retry && (
        <button
          type="button"
          onClick={(e) => {
            // Not a tap on the status (which moves on).
            e.stopPropagation();
            retry();
          }}
          className="rounded-full bg-white/15 px-4 py-1.5 text-sm font-medium hover:bg-white/25"
        >
          {t("tryAgain")}
        </button>
      )}
    </div>
  );
}
