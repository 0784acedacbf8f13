"use client";

import { type ReactNode, useEffect, useId, useRef } from "react";

/**
 * A modal dialog (the browser's own <dialog>): open while `open`, closed by Escape or onClose, focus
 * returned where it was. Named by its title: the default heading, or the `header` given (which must put
 * `titleId` on its heading).
 */
export function Modal({
  open,
  title,
  onClose,
  className = "w-[min(92vw,420px)] p-6",
  header,
  children,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  /** Width and padding (the look is shared). */
  className?: string;
  header?: (titleId: string) => ReactNode;
  children: ReactNode;
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
      onClose={onClose}
      className={`m-auto rounded-lg bg-panel text-ink shadow-xl backdrop:bg-black/40 dark:backdrop:bg-black/60 ${className}`}
    >
      {header ? (
        header(titleId)
      ) : (
        <h2 id={titleId} className="text-lg text-ink">
          {title}
        </h2>
      )}
      {children}
    </dialog>
  );
}
