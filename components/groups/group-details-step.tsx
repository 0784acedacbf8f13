"use client";

import { Check } from "lucide-react";
import { type FormEvent, useEffect, useId, useMemo, useState } from "react";
import { useTranslations } from "use-intl";
import { createGroupSchema, GROUP_DESCRIPTION_MAX, GROUP_NAME_MAX } from "@/lib/contracts/groups";
import type { PublicUser } from "@/lib/contracts/users";
import { FormAlert } from "../auth/form-alert";
import { PanelHeader } from "../shell/panel-header";
import { AvatarEditor } from "../ui/avatar-editor";
import { Spinner } from "../ui/spinner";
import { TextField } from "../ui/text-field";

/** Second step of a new group: its name (required), description and icon, then create (the icon is uploaded once the group exists). */
export function GroupDetailsStep({
  participants,
  onBack,
  onCreate,
}: {
  participants: PublicUser[];
  onBack: () => void;
  onCreate: (name: string, description: string, icon: File | null) => Promise<void>;
}) {
  const t = useTranslations("groups");
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [icon, setIcon] = useState<File | null>(null);
  const preview = useMemo(() => (icon ? URL.createObjectURL(icon) : null), [icon]);
  useEffect(() => () => void (preview && URL.revokeObjectURL(preview)), [preview]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const descriptionId = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = createGroupSchema.safeParse({ name, description, participants: participants.map((u) => u.id) });
    if (!parsed.success) return setError(parsed.error.issues[0].message);
    setBusy(true);
    setError(null);
    try {
      await onCreate(parsed.data.name, parsed.data.description, icon);
    } catch (e) {
      setError(e instanceof Error ? e.message : t("details.createFailed"));
      setBusy(false);
    }
  }

  const others = participants.map((u) => u.displayName).join(", ");
  return (
    <form onSubmit={submit} noValidate className="relative flex h-full flex-col animate-slide-in">
      <PanelHeader title={t("details.title")} onBack={onBack} />
      <div className="min-h-0 flex-1 overflow-y-auto bg-app pb-24 dark:bg-panel">
        <div className="py-7">
          <AvatarEditor
            src={preview}
            name={name.trim() || t("details.title")}
            group
            kind="groupIcon"
            labels={{
              change: icon ? t("icon.change") : t("icon.add"),
              remove: t("icon.remove"),
              file: t("icon.file"),
              busy: t("icon.busy"),
            }}
            disabled={busy}
            onPick={(file) => {
              setIcon(file);
              setError(null);
            }}
            onRemove={() => setIcon(null)}
            onError={setError}
          />
        </div>
        <div className="flex flex-col gap-5 bg-panel px-8 py-6">
          <TextField
            label={t("groupName")}
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={GROUP_NAME_MAX}
            required
            autoFocus
            hint={`${[...name].length} / ${GROUP_NAME_MAX}`}
          />
          <div className="flex flex-col gap-1">
            <label htmlFor={descriptionId} className="text-sm font-medium text-brand-strong dark:text-brand">
              {t("details.description")}
            </label>
            <textarea
              id={descriptionId}
              rows={3}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
              maxLength={GROUP_DESCRIPTION_MAX}
              className="resize-none rounded-lg border border-line bg-panel px-3 py-2 text-[15px] text-ink outline-none transition-colors focus:border-brand"
            />
          </div>
          <p className="text-sm text-ink-muted">
            {participants.length === 0 ? t("details.onlyYou") : t("details.withOthers", { names: others })}
          </p>
          <FormAlert message={error} />
        </div>
      </div>
      <div className="absolute inset-x-0 bottom-0 flex justify-center py-4">
        <button
          type="submit"
          aria-label={t("details.create")}
          title={t("details.create")}
          disabled={busy}
          className="flex size-12 items-center justify-center rounded-full bg-brand text-white shadow-md hover:bg-brand-strong disabled:opacity-70 dark:text-[#111b21]"
        >
          {busy ? <Spinner label={t("details.creating")} /> : <Check aria-hidden className="size-6" />}
        </button>
      </div>
    </form>
  );
}
