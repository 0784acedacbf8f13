import { X } from "lucide-react";
import { useTranslations } from "use-intl";

/** A message whose file is still uploading: how far it got (0..1; unknown spins) and how to stop it. */
export interface PendingUpload {
  progress?: number;
  onCancel?: () => void;
}

const RADIUS = 20;
const CIRCUMFERENCE = 2 * Math.PI * RADIUS;

/**
 * The round upload indicator: a ring that fills as the upload goes, with a "Cancel upload" button in the
 * middle when there is a way to cancel. `overlay` is for on top of a photo or video (white on a dark
 * disc); `inline` sits in the bubble next to a document or in place of a play button.
 */
export function UploadProgress({ progress, onCancel, variant = "inline" }: PendingUpload & { variant?: "overlay" | "inline" }) {
  const t = useTranslations("attachments.upload");
  const known = progress !== undefined && Number.isFinite(progress) && progress < 1;
  const fraction = known ? Math.max(0, progress) : 0.25;
  const overlay = variant === "overlay";
  return (
    <div
      className={`relative size-12 shrink-0 rounded-full ${overlay ? "bg-black/45 text-white shadow-md backdrop-blur-[2px]" : "text-ink-muted"}`}
    >
      {/* The ring is drawn; this is what assistive technology reads. */}
      <progress className="sr-only" aria-label={t("uploading")} max={100} value={known ? Math.round(fraction * 100) : undefined} />
      <svg
        aria-hidden
        viewBox="0 0 48 48"
        className={`absolute inset-0 size-full -rotate-90 ${known ? "" : "animate-spin motion-reduce:animate-none"}`}
      >
        <circle
          cx="24"
          cy="24"
          r={RADIUS}
          fill="none"
          strokeWidth="3"
          className={overlay ? "stroke-white/25" : "stroke-black/10 dark:stroke-white/15"}
        />
        <circle
          cx="24"
          cy="24"
          r={RADIUS}
          fill="none"
          strokeWidth="3"
          strokeLinecap="round"
          strokeDasharray={CIRCUMFERENCE}
          strokeDashoffset={CIRCUMFERENCE * (1 - fraction)}
          className={`transition-[stroke-dashoffset] duration-300 ${overlay ? "stroke-white" : "stroke-brand"}`}
        />
      </svg>
      {onCancel && (
        <button
          type="button"
          aria-label={t("cancel")}
          title={t("cancel")}
          onClick={onCancel}
          className={`absolute inset-1.5 flex items-center justify-center rounded-full transition-colors ${overlay ? "hover:bg-white/15" : "hover:bg-black/5 hover:text-ink dark:hover:bg-white/10"}`}
        >
          <X aria-hidden className="size-5" strokeWidth={2.5} />
        </button>
      )}
    </div>
  );
}
