"use client";

import { FileText, Plus, SendHorizontal, X } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import { useLocale, useTranslations } from "use-intl";
import { fileSizeLabel } from "@/lib/client/media-format";
import { draftType } from "@/lib/client/message-preview";
import { MESSAGE_TEXT_MAX } from "@/lib/contracts/messaging";
import { IconButton } from "../../ui/icon-button";
import { useObjectUrl } from "../use-object-url";

export interface Draft {
  file: File;
  caption: string;
  /** Picked with "Document": sent as a file to download even when it is a photo. */
  asDocument: boolean;
}

/**
 * The preview before files go out (picked, pasted or dropped): each file large, a caption per file, a strip
 * to move between them or drop one, and Send. Escape or Close discards them.
 */
export function MediaDraft({
  drafts,
  onChange,
  onSend,
  onAddMore,
}: {
  drafts: Draft[];
  onChange: (drafts: Draft[]) => void;
  onSend: (drafts: Draft[]) => void;
  onAddMore: () => void;
}) {
  const t = useTranslations("compose.mediaDraft");
  const dialog = useRef<HTMLDialogElement>(null);
  const caption = useRef<HTMLInputElement>(null);
  const titleId = useId();
  const [index, setIndex] = useState(0);
  const current = drafts[Math.min(index, drafts.length - 1)];
  const open = drafts.length > 0;

  useEffect(() => {
    const el = dialog.current;
    if (open && !el?.open) el?.showModal();
    if (!open && el?.open) el.close();
    if (open) caption.current?.focus();
  }, [open]);

  if (!current) return <dialog ref={dialog} aria-label={t("label")} onClose={() => onChange([])} />;
  const update = (patch: Partial<Draft>) => onChange(drafts.map((d) => (d === current ? { ...d, ...patch } : d)));
  const remove = (draft: Draft) => {
    const rest = drafts.filter((d) => d !== draft);
    setIndex((i) => Math.max(0, Math.min(i, rest.length - 1)));
    onChange(rest);
  };
  const tooLong = drafts.some((d) => [...d.caption].length > MESSAGE_TEXT_MAX);
  const title =
    drafts.length === 1 ? t("titleOne", { type: draftType(current.file, current.asDocument) }) : t("titleMany", { count: drafts.length });

  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      onClose={() => onChange([])}
      className="m-auto flex h-[min(92vh,720px)] w-[min(96vw,720px)] flex-col overflow-hidden rounded-lg bg-panel-header p-0 text-ink shadow-xl backdrop:bg-black/50 dark:backdrop:bg-black/70"
    >
      <header className="flex shrink-0 items-center gap-3 bg-panel-header px-3 py-2">
        <IconButton label={t("close")} onClick={() => onChange([])}>
          <X aria-hidden className="size-6" />
        </IconButton>
        <h2 id={titleId} className="min-w-0 flex-1 truncate text-base">
          {title}
        </h2>
      </header>
      <div className="flex min-h-0 flex-1 items-center justify-center bg-chat p-4">
        <Preview draft={current} />
      </div>
      <form
        className="flex shrink-0 flex-col gap-3 bg-panel-header px-4 py-3"
        onSubmit={(e) => {
          e.preventDefault();
          if (!tooLong) onSend(drafts);
        }}
      >
        <input
          ref={caption}
          aria-label={t("caption")}
          placeholder={t("caption")}
          value={current.caption}
          onChange={(e) => update({ caption: e.target.value })}
          aria-invalid={tooLong || undefined}
          className="h-11 w-full rounded-lg bg-panel px-3 text-[15px] text-ink outline-none! ring-brand placeholder:text-ink-muted focus:ring-1 dark:bg-[#2a3942]"
        />
        {tooLong && (
          <p role="alert" className="text-xs text-danger">
            {t("captionTooLong", { max: MESSAGE_TEXT_MAX })}
          </p>
        )}
        <div className="flex items-center gap-2">
          <ul aria-label={t("files")} className="flex min-w-0 flex-1 gap-2 overflow-x-auto py-1">
            {drafts.map((draft, i) => (
              <li key={`${draft.file.name}-${draft.file.size}-${draft.file.lastModified}`} className="relative shrink-0">
                <button
                  type="button"
                  aria-label={t("show", { name: draft.file.name })}
                  aria-current={draft === current || undefined}
                  onClick={() => setIndex(i)}
                  className={`size-13 overflow-hidden rounded-md bg-panel ${draft === current ? "ring-2 ring-brand" : "ring-1 ring-line"}`}
                >
                  <Thumb draft={draft} />
                </button>
                <button
                  type="button"
                  aria-label={t("remove", { name: draft.file.name })}
                  title={t("removeTitle")}
                  onClick={() => remove(draft)}
                  className="absolute -top-1.5 -end-1.5 flex size-5 items-center justify-center rounded-full bg-ink-muted text-white hover:bg-danger"
                >
                  <X aria-hidden className="size-3" />
                </button>
              </li>
            ))}
            <li className="shrink-0">
              <button
                type="button"
                aria-label={t("addMore")}
                title={t("addMore")}
                onClick={onAddMore}
                className="flex size-13 items-center justify-center rounded-md border border-dashed border-ink-muted text-ink-muted hover:text-ink"
              >
                <Plus aria-hidden className="size-5" />
              </button>
            </li>
          </ul>
          <button
            type="submit"
            aria-label={t("send")}
            title={t("send")}
            disabled={tooLong}
            className="flex size-14 shrink-0 items-center justify-center rounded-full bg-brand text-white shadow-md transition-opacity hover:opacity-90 disabled:opacity-50 dark:text-[#111b21]"
          >
            <SendHorizontal aria-hidden className="size-6" />
          </button>
        </div>
      </form>
    </dialog>
  );
}

function Preview({ draft }: { draft: Draft }) {
  const t = useTranslations("compose.mediaDraft");
  const locale = useLocale();
  const url = useObjectUrl(draft.file);
  const type = draftType(draft.file, draft.asDocument);
  if (url && type === "image") {
    // biome-ignore lint/performance/noImgElement: a local blob: preview; next/image can't optimise it.
    return <img src={url} alt={draft.caption || t("photo")} className="max-h-full max-w-full rounded object-contain shadow" />;
  }
  if (url && type === "video") {
    // biome-ignore lint/a11y/useMediaCaption: the sender's own clip, previewed before sending; it has no captions.
    return <video src={url} controls aria-label={t("video")} className="max-h-full max-w-full rounded shadow" />;
  }
  return (
    <div className="flex flex-col items-center gap-3 rounded-lg bg-panel px-10 py-8 text-center shadow">
      <FileText aria-hidden className="size-16 text-ink-muted" strokeWidth={1.25} />
      <p className="max-w-72 text-sm [overflow-wrap:anywhere]">{draft.file.name}</p>
      <p className="text-xs text-ink-muted">{fileSizeLabel(draft.file.size, locale)}</p>
    </div>
  );
}

function Thumb({ draft }: { draft: Draft }) {
  const url = useObjectUrl(draftType(draft.file, draft.asDocument) === "image" ? draft.file : null);
  // biome-ignore lint/performance/noImgElement: a local blob: thumbnail.
  if (url) return <img src={url} alt="" className="size-full object-cover" />;
  return <FileText aria-hidden className="m-auto size-6 text-ink-muted" />;
}
