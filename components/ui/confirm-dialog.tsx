"use client";

import { type ReactNode, useEffect, useId, useRef } from "react";
import { Button } from "./button";

/** A modal question with Cancel and a confirm button; Escape or Cancel closes it, focus returns where it was. */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  busy = false,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const el = dialog.current;
    if (open && !el?.open) el?.showModal();
    if (!open && el?.open) el.close();
  }, [open]);

  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      onClose={onCancel}
      className="m-auto w-[min(92vw,420px)] rounded-lg bg-panel p-6 text-ink shadow-xl backdrop:bg-black/40 dark:backdrop:bg-black/60"
    >
      <h2 id={titleId} className="text-lg text-ink">
        {title}
      </h2>
      <div className="mt-3 text-sm text-ink-muted">{children}</div>
      <div className="mt-6 flex justify-end gap-2">
        <Button variant="plain" onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
        <Button onClick={onConfirm} busy={busy} className="bg-danger! text-white! hover:opacity-90">
          {confirmLabel}
        </Button>
      </div>
    </dialog>
  );
}
