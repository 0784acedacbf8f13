"use client";

import { SendHorizontal, Type, X } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { useTranslations } from "use-intl";
import type { StatusDraft } from "@/lib/client/e2ee/status-sealing";
import { BACKGROUND_NAMES, FONTS } from "@/lib/client/status-style";
import { STATUS_BACKGROUNDS, STATUS_FONTS, STATUS_TEXT_MAX, type StatusBackground, type StatusFont } from "@/lib/contracts/status";
import { useObjectUrl } from "../chat/use-object-url";
import { IconButton } from "../ui/icon-button";
import { Spinner } from "../ui/spinner";

/**
 * A new status, full screen like WhatsApp's: a text typed on its colour (the palette and the font button
 * change them), or the photo or video picked, with a caption. "Post status" posts it; Escape or Close
 * discards it.
 */
export function StatusComposer({
  media,
  onPost,
  onClose,
}: {
  /** The photo or video picked, or null for a text status. */
  media: { kind: "image" | "video"; file: File } | null;
  /** Posts it (uploading the file first, with its progress 0-1); rejects with the reason. */
  onPost: (draft: StatusDraft, progress: (fraction: number) => void) => Promise<void>;
  onClose: () => void;
}) {
  const t = useTranslations("status");
  const tStatus = useTranslations("system.status");
  const dialog = useRef<HTMLDialogElement>(null);
  const field = useRef<HTMLTextAreaElement & HTMLInputElement>(null);
  const [text, setText] = useState("");
  const [background, setBackground] = useState<StatusBackground>(STATUS_BACKGROUNDS[0]);
  const [font, setFont] = useState<StatusFont>(STATUS_FONTS[0]);
  const [progress, setProgress] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const preview = useObjectUrl(media?.file);

  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
    field.current?.focus();
  }, []);

  const tooLong = [...text].length > STATUS_TEXT_MAX;
  const ready = !tooLong && progress === null && (media !== null || text.trim().length > 0);
  const post = async () => {
    if (!ready) return;
    setProblem(null);
    setProgress(0);
    try {
      await onPost(media ? { ...media, text: text.trim() } : { kind: "text", text: text.trim(), background, font }, setProgress);
      dialog.current?.close();
    } catch (e) {
      setProblem((e as Error).message);
      setProgress(null);
    }
  };
  const nextFont = () => setFont(STATUS_FONTS[(STATUS_FONTS.indexOf(font) + 1) % STATUS_FONTS.length]);

  return (
    <dialog
      ref={dialog}
      aria-label={media ? t("composer.labelMedia") : t("composer.labelText")}
      onClose={onClose}
      className="m-0 h-dvh max-h-none w-screen max-w-none overflow-hidden p-0 text-white backdrop:bg-black open:flex open:flex-col"
      style={{ background: media ? "#0b141a" : background }}
    >
      <header className="flex shrink-0 items-center gap-2 px-3 py-3">
        <IconButton label={t("viewer.close")} onClick={() => dialog.current?.close()} className="text-white hover:bg-white/15!">
          <X aria-hidden className="size-6" />
        </IconButton>
        <h2 className="flex-1 text-base font-medium">{media ? t("composer.titleMedia") : t("composer.titleText")}</h2>
        {!media && (
          <IconButton
            label={t("composer.font", { name: tStatus(`fonts.${font}`) })}
            onClick={nextFont}
            className="text-white hover:bg-white/15!"
          >
            <Type aria-hidden className="size-5" />
          </IconButton>
        )}
      </header>

      <div className="flex min-h-0 flex-1 items-center justify-center px-6">
        {media ? (
          preview &&
          (media.kind === "image" ? (
            // biome-ignore lint/performance/noImgElement: a local blob: preview of the picked photo.
            <img src={preview} alt={t("composer.preview")} className="max-h-full max-w-full rounded-md object-contain" />
          ) : (
            // biome-ignore lint/a11y/useMediaCaption: a preview of the user's own video.
            <video
              src={preview}
              controls
              playsInline
              aria-label={t("composer.videoPreview")}
              className="max-h-full max-w-full rounded-md"
            />
          ))
        ) : (
          <textarea
            ref={field}
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-label={t("composer.text")}
            placeholder={t("composer.textPlaceholder")}
            rows={4}
            style={FONTS[font].style}
            className="w-full max-w-2xl resize-none bg-transparent text-center text-[clamp(1.5rem,4vw,2.5rem)] leading-snug text-white placeholder:text-white/70 focus:outline-none"
          />
        )}
      </div>

      <footer className="flex shrink-0 flex-col gap-3 px-4 pt-2 pb-5">
        {problem && (
          <p role="alert" className="self-center rounded-md bg-black/50 px-3 py-1.5 text-sm">
            {problem}
          </p>
        )}
        {tooLong && (
          <p role="alert" className="self-center rounded-md bg-black/50 px-3 py-1.5 text-sm">
            {t("composer.tooLong", { max: STATUS_TEXT_MAX })}
          </p>
        )}
        <form
          className="flex items-center gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            void post();
          }}
        >
          {media ? (
            <input
              ref={field}
              value={text}
              onChange={(e) => setText(e.target.value)}
              aria-label={t("composer.caption")}
              placeholder={t("composer.captionPlaceholder")}
              className="h-11 min-w-0 flex-1 rounded-full bg-white/10 px-5 text-[15px] text-white placeholder:text-white/70 focus:bg-white/15 focus:outline-none"
            />
          ) : (
            <fieldset className="flex min-w-0 flex-1 flex-wrap items-center gap-2">
              <legend className="sr-only">{t("composer.backgrounds")}</legend>
              {STATUS_BACKGROUNDS.map((b) => (
                <button
                  key={b}
                  type="button"
                  aria-label={t("composer.background", { name: tStatus(`backgrounds.${BACKGROUND_NAMES[b]}`) })}
                  aria-pressed={b === background}
                  onClick={() => setBackground(b)}
                  style={{ background: b }}
                  className="size-8 rounded-full border-2 border-white/40 transition-transform hover:scale-110 aria-pressed:scale-110 aria-pressed:border-white"
                />
              ))}
            </fieldset>
          )}
          <IconButton
            type="submit"
            label={t("composer.post")}
            aria-disabled={!ready}
            className="size-12 shrink-0 bg-brand text-[#111b21]! hover:bg-[#06cf9c]!"
          >
            {progress === null ? (
              <SendHorizontal aria-hidden className="size-6" />
            ) : (
              <Spinner label={t("composer.posting", { progress })} />
            )}
          </IconButton>
        </form>
      </footer>
    </dialog>
  );
}
