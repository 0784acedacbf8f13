"use client";

import { Check, Forward, Star, Trash2, X } from "lucide-react";
import { createContext, type ReactNode, useContext } from "react";
import { useTranslations } from "use-intl";
import type { ChatMessage } from "@/lib/contracts/messaging";
import { IconButton } from "../../ui/icon-button";

/** Select messages: the seqs chosen (null while not selecting) and how to choose or drop one. */
export interface Selection {
  selected: ReadonlySet<number> | null;
  toggle(message: ChatMessage): void;
}

const Context = createContext<Selection>({ selected: null, toggle: () => {} });
export const SelectionProvider = Context.Provider;
export const useSelection = () => useContext(Context);

/**
 * A message row while selecting: a checkbox at its start and the whole row a target that chooses it
 * (WhatsApp Web's select mode); the message as it is otherwise.
 */
export function Selectable({ message, children }: { message: ChatMessage; children: ReactNode }) {
  const t = useTranslations("chatActions.selection");
  const { selected, toggle } = useSelection();
  if (!selected || message.type === "system") return children;
  const on = selected.has(message.seq);
  return (
    <div className={`relative flex items-stretch ps-3 transition-colors ${on ? "bg-brand/10" : ""}`}>
      {/* The checkbox covers the row: a click anywhere on it chooses the message; the box is drawn below. */}
      <input
        type="checkbox"
        checked={on}
        onChange={() => toggle(message)}
        aria-label={t("selectMessage", { text: message.text.slice(0, 60) || message.type })}
        className="peer absolute inset-0 z-20 size-full cursor-pointer appearance-none opacity-0"
      />
      <span
        aria-hidden
        className={`pointer-events-none absolute top-1/2 start-4 flex size-5 -translate-y-1/2 items-center justify-center rounded-sm border-2 peer-focus-visible:ring-2 peer-focus-visible:ring-brand ${on ? "border-brand bg-brand text-white" : "border-ink-muted bg-panel"}`}
      >
        {on && <Check className="size-3.5" strokeWidth={3} />}
      </span>
      <div className="min-w-0 flex-1 ps-8">{children}</div>
    </div>
  );
}

/** Select mode's bar in place of the message box: how many are chosen, and star, forward or delete them all at once. */
export function SelectionBar({
  messages,
  starred,
  onCancel,
  onStar,
  onForward,
  onDelete,
}: {
  messages: ChatMessage[];
  /** Every chosen message is starred already (the star button unstars them). */
  starred: boolean;
  onCancel: () => void;
  onStar: () => void;
  onForward: () => void;
  onDelete: () => void;
}) {
  const t = useTranslations("chatActions.selection");
  const none = messages.length === 0;
  const deletedOnly = messages.every((m) => m.type === "deleted");
  return (
    <div
      role="toolbar"
      aria-label={t("toolbar")}
      className="flex min-h-[62px] shrink-0 items-center gap-2 border-s border-line bg-panel-header px-4"
    >
      <IconButton label={t("cancel")} onClick={onCancel}>
        <X aria-hidden className="size-6" />
      </IconButton>
      <p aria-live="polite" className="flex-1 text-[15px] text-ink">
        {t("count", { count: messages.length })}
      </p>
      <IconButton label={starred ? t("unstar") : t("star")} disabled={none || deletedOnly} onClick={onStar}>
        <Star aria-hidden className={`size-5 ${starred ? "fill-current" : ""}`} />
      </IconButton>
      <IconButton label={t("delete")} disabled={none} onClick={onDelete}>
        <Trash2 aria-hidden className="size-5" />
      </IconButton>
      <IconButton label={t("forward")} disabled={none || deletedOnly} onClick={onForward}>
        <Forward aria-hidden className="size-5" />
      </IconButton>
    </div>
  );
}
