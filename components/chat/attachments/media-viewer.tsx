"use client";

import { Download, X } from "lucide-react";
import { type MouseEvent, useEffect, useRef } from "react";
import { useTranslations } from "use-intl";

/**
 * A photo full screen over a dark backdrop: its file name and caption, "Download" and "Close". Escape,
 * Close or a click beside the photo closes it, and focus goes back to what opened it. The full-size image
 * is only requested while the viewer is open.
 */
export function MediaViewer({
  open,
  url,
  fileName,
  caption = "",
  onClose,
}: {
  open: boolean;
  /** The full-size image (mediaUrl, or a pending message's blob: URL). */
  url: string;
  fileName: string;
  caption?: string;
  onClose: () => void;
}) {
  const t = useTranslations("attachments");
  const dialog = useRef<HTMLDialogElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLElement | null>(null);

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (open && !el.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      el.showModal();
      closeButton.current?.focus();
    }
    if (!open && el.open) el.close();
  }, [open]);

  // Closed by unmounting (the message scrolled away, the chat changed): still give focus back.
  useEffect(() => () => restoreFocus(opener), []);

  const closed = () => {
    restoreFocus(opener);
    onClose();
  };

  // A click on the dialog itself (not on the photo, the caption or a control) is a click beside the photo.
  const clickBeside = (e: MouseEvent<HTMLElement>) => {
    if (e.target === e.currentTarget) dialog.current?.close();
  };

  return (
    <dialog
      ref={dialog}
      aria-label={t("viewer.label")}
      onClose={closed}
      className="m-0 h-dvh max-h-none w-screen max-w-none overflow-hidden bg-transparent p-0 text-white backdrop:bg-[#0b141a]/95 open:flex open:flex-col"
    >
      {open && (
        <>
          <header className="flex h-15 shrink-0 items-center gap-3 bg-black/30 px-4">
            <p className="min-w-0 flex-1 truncate text-[15px]" title={fileName}>
              {fileName}
            </p>
            <a
              href={url}
              download={fileName}
              aria-label={t("viewer.download")}
              title={t("viewer.download")}
              className="flex size-10 items-center justify-center rounded-full text-white/80 transition-colors hover:bg-white/10 hover:text-white"
            >
              <Download aria-hidden className="size-5" />
            </a>
            <button
              ref={closeButton}
              type="button"
              aria-label={t("viewer.close")}
              title={t("viewer.close")}
              onClick={() => dialog.current?.close()}
              className="flex size-10 items-center justify-center rounded-full text-white/80 transition-colors hover:bg-white/10 hover:text-white"
            >
              <X aria-hidden className="size-6" />
            </button>
          </header>
          {/* biome-ignore lint/a11y/noStaticElementInteractions lint/a11y/useKeyWithClickEvents: clicking beside the photo is a mouse shortcut; Escape and Close do the same from the keyboard. */}
          <div onClick={clickBeside} className="flex min-h-0 flex-1 items-center justify-center p-4 md:p-8">
            {/* biome-ignore lint/performance/noImgElement: an authenticated full-size file; next/image adds nothing here. */}
            <img src={url} alt={caption || t("photo")} className="max-h-full max-w-full rounded-sm object-contain shadow-2xl" />
          </div>
          {caption && (
            // biome-ignore lint/a11y/noStaticElementInteractions lint/a11y/useKeyWithClickEvents: as above.
            <div onClick={clickBeside} className="flex shrink-0 justify-center px-6 pb-6">
              <p className="max-h-28 max-w-3xl overflow-y-auto whitespace-pre-wrap text-center text-[15px] leading-5 text-white/90 [overflow-wrap:anywhere]">
                {caption}
              </p>
            </div>
          )}
        </>
      )}
    </dialog>
  );
}

function restoreFocus(opener: { current: HTMLElement | null }) {
  const el = opener.current;
  opener.current = null;
  if (el?.isConnected && document.activeElement !== el) el.focus();
}
