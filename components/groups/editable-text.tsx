"use client";

import { Check, Pencil, X } from "lucide-react";
import { type FormEvent, type KeyboardEvent, type ReactNode, useState } from "react";
import { useTranslations } from "use-intl";
import { FormAlert } from "../auth/form-alert";
import { IconButton } from "../ui/icon-button";
import { useAction } from "../ui/use-action";

/** A group's name or description: shown as text, and when allowed edited in place (Enter saves, Escape cancels). */
export function EditableText({
  label,
  editLabel,
  value,
  display,
  maxLength,
  multiline = false,
  centered = false,
  canEdit,
  onSave,
}: {
  /** Names the field ("Group name"). */
  label: string;
  /** Names its edit button ("Edit group name"). */
  editLabel: string;
  value: string;
  /** How the value shows while not editing. */
  display: ReactNode;
  maxLength: number;
  multiline?: boolean;
  /** Centred, with the edit button right after the text (a group's name under its icon). */
  centered?: boolean;
  canEdit: boolean;
  onSave: (value: string) => Promise<unknown>;
}) {
  const t = useTranslations("groups.editable");
  const [draft, setDraft] = useState<string | null>(null);
  const { busy, error, run } = useAction();

  if (draft === null) {
    return (
      <div className={`flex gap-2 ${centered ? "items-center justify-center" : "items-start"}`}>
        <div className={centered ? "min-w-0" : "min-w-0 flex-1"}>{display}</div>
        {canEdit && (
          <IconButton label={editLabel} onClick={() => setDraft(value)} className="-my-1 shrink-0">
            <Pencil aria-hidden className="size-4" />
          </IconButton>
        )}
      </div>
    );
  }

  async function save(event?: FormEvent) {
    event?.preventDefault();
    if (draft !== null && (await run("save", () => onSave(draft.trim())))) setDraft(null);
  }
  function onKeyDown(event: KeyboardEvent) {
    if (event.key === "Escape") setDraft(null);
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void save();
    }
  }
  const field = {
    "aria-label": label,
    value: draft,
    maxLength,
    autoFocus: true,
    onKeyDown,
    onChange: (e: { target: { value: string } }) => setDraft(e.target.value),
    className: "min-w-0 flex-1 resize-none bg-transparent py-1 text-[15px] text-ink outline-none!",
  };
  return (
    <form onSubmit={save} className="flex flex-col gap-2">
      <div className="flex items-end gap-1 border-b-2 border-brand">
        {multiline ? <textarea rows={3} {...field} /> : <input {...field} />}
        <span className="pb-1.5 text-xs text-ink-muted">{maxLength - [...draft].length}</span>
        <IconButton label={t("save")} type="submit" disabled={busy !== null} className="size-8 text-brand-strong dark:text-brand">
          <Check aria-hidden className="size-5" />
        </IconButton>
        <IconButton label={t("cancel")} onClick={() => setDraft(null)} className="size-8">
          <X aria-hidden className="size-5" />
        </IconButton>
      </div>
      <FormAlert message={error} />
    </form>
  );
}
