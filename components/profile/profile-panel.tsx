"use client";

import { type FormEvent, useState } from "react";
import { useTranslations } from "use-intl";
import { ApiError, request } from "@/lib/api-client";
import { ABOUT_MAX, type PublicUser, updateProfileSchema } from "@/lib/contracts/users";
import { FormAlert } from "../auth/form-alert";
import { PanelHeader } from "../shell/panel-header";
import { AvatarEditor } from "../ui/avatar-editor";
import { Button } from "../ui/button";
import { TextField } from "../ui/text-field";

export function ProfilePanel({ me, onBack, onChange }: { me: PublicUser; onBack: () => void; onChange: (me: PublicUser) => void }) {
  const t = useTranslations("profile");
  const photoLabels = { change: t("photo.change"), remove: t("photo.remove"), file: t("photo.file"), busy: t("photo.busy") };
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState<"form" | "avatar" | null>(null);
  const [about, setAbout] = useState(me.about);

  async function run(kind: "form" | "avatar", call: () => Promise<PublicUser>) {
    setBusy(kind);
    setError(null);
    setSaved(false);
    try {
      onChange(await call());
      setSaved(kind === "form");
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t("error"));
    } finally {
      setBusy(null);
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = updateProfileSchema.safeParse(Object.fromEntries(new FormData(event.currentTarget)));
    if (!parsed.success) return setError(parsed.error.issues[0].message);
    void run("form", () => request("PATCH /api/v1/users/me", { json: parsed.data }));
  }

  function onPickFile(file: File) {
    const body = new FormData();
    body.append("file", file);
    void run("avatar", () => request("PUT /api/v1/users/me/avatar", { body }));
  }

  return (
    <div className="flex h-full flex-col animate-slide-in">
      <PanelHeader title={t("title")} onBack={onBack} />
      <div className="min-h-0 flex-1 overflow-y-auto bg-app dark:bg-panel">
        <div className="py-7">
          <AvatarEditor
            src={me.avatarUrl}
            name={me.displayName}
            kind="avatar"
            labels={photoLabels}
            busy={busy === "avatar"}
            disabled={busy !== null}
            onPick={onPickFile}
            onRemove={() => void run("avatar", () => request("DELETE /api/v1/users/me/avatar"))}
            onError={setError}
          />
        </div>
        <form onSubmit={onSubmit} className="flex flex-col gap-5 bg-panel px-7 py-6 shadow-sm">
          <TextField
            label={t("displayName")}
            name="displayName"
            defaultValue={me.displayName}
            maxLength={64}
            required
            hint={t("displayNameHint")}
          />
          <div className="flex flex-col gap-1">
            <label htmlFor="profile-about" className="text-sm font-medium text-brand-strong dark:text-brand">
              {t("about")}
            </label>
            <textarea
              id="profile-about"
              name="about"
              rows={2}
              value={about}
              maxLength={ABOUT_MAX}
              onChange={(e) => setAbout(e.target.value)}
              className="resize-none rounded-lg border border-line bg-panel px-3 py-2 text-[15px] text-ink outline-none focus:border-brand"
            />
            <p className="self-end text-xs text-ink-muted" aria-live="polite">
              {about.length}/{ABOUT_MAX}
            </p>
          </div>
          <FormAlert message={error} />
          {saved && (
            <p role="status" className="text-sm text-brand-strong dark:text-brand">
              {t("saved")}
            </p>
          )}
          <Button type="submit" busy={busy === "form"} className="self-end">
            {t("save")}
          </Button>
        </form>
      </div>
    </div>
  );
}
