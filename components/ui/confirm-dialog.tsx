"use client";

import type { ReactNode } from "react";
import { useTranslations } from "use-intl";
import { Button } from "./button";
import { Modal } from "./modal";

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
  const t = useTranslations("ui");
  return (
    <Modal open={open} title={title} onClose={onCancel}>
      <div className="mt-3 text-sm text-ink-muted">{children}</div>
      <div className="mt-6 flex justify-end gap-2">
        <Button variant="plain" onClick={onCancel} disabled={busy}>
          {t("cancel")}
        </Button>
        <Button onClick={onConfirm} busy={busy} className="bg-danger! text-white! hover:opacity-90">
          {confirmLabel}
        </Button>
      </div>
    </Modal>
  );
}
