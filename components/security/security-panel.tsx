"use client";

import { KeyRound } from "lucide-react";
import { type FormEvent, useState } from "react";
import { useTranslations } from "use-intl";
import { ApiError, request } from "@/lib/api-client";
import { changePasswordSchema, type PasswordChanged } from "@/lib/contracts/auth";
import { FormAlert } from "../auth/form-alert";
import { SettingsIntro, SettingsPanel, SettingsSection } from "../shell/settings-panel";
import { Button } from "../ui/button";
import { TextField } from "../ui/text-field";
import { useAction } from "../ui/use-action";
import { AdminSetup } from "./admin-setup";

type Field = "currentPassword" | "newPassword" | "confirmPassword";

/**
 * Settings › Security: change the password (the server checks the current one, refuses common
 * passwords, and signs out every other device; this one stays signed in), and, while the server has no
 * admin, redeem the setup token from its log.
 */
export function SecurityPanel({ onBack }: { onBack: () => void }) {
  const t = useTranslations("security.panel");
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const { busy, error, run } = useAction();
  const signedOutNotice = ({ signedOut }: PasswordChanged) =>
    signedOut === 0 ? t("changed") : t("changedSignedOut", { count: signedOut });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const values = Object.fromEntries(new FormData(form)) as Record<Field, string>;
    setNotice(null);
    const parsed = changePasswordSchema.safeParse(values);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return setErrors({ [issue.path[0] as Field]: issue.message });
    }
    if (values.confirmPassword !== values.newPassword) return setErrors({ confirmPassword: t("mismatch") });
    setErrors({});
    void run("save", async () => {
      try {
        const changed = await request("PUT /api/v1/users/me/password", { json: parsed.data });
        form.reset();
        setNotice(signedOutNotice(changed));
      } catch (e) {
        // A refusal about one field is shown under it; anything else above the button.
        const field = e instanceof ApiError ? e.body.field : undefined;
        if (field === "currentPassword" || field === "newPassword") return setErrors({ [field]: (e as ApiError).message });
        throw e;
      }
    });
  }

  return (
    <SettingsPanel title={t("title")} onBack={onBack} error={null} loading={null}>
      <SettingsIntro icon={KeyRound}>{t("intro")}</SettingsIntro>
      <SettingsSection title={t("changePassword")} />
      <form aria-label={t("changePassword")} onSubmit={onSubmit} className="flex flex-col gap-4 px-8 py-3" noValidate>
        <TextField
          label={t("currentPassword")}
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          error={errors.currentPassword}
        />
        <TextField
          label={t("newPassword")}
          name="newPassword"
          type="password"
          autoComplete="new-password"
          error={errors.newPassword}
          hint={t("newPasswordHint")}
        />
        <TextField
          label={t("confirmPassword")}
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          error={errors.confirmPassword}
        />
        <FormAlert message={error} />
        {notice && (
          <p role="status" className="text-sm text-brand-strong dark:text-brand">
            {notice}
          </p>
        )}
        <div className="flex justify-end">
          <Button type="submit" busy={busy === "save"}>
            {t("changePassword")}
          </Button>
        </div>
      </form>
      <AdminSetup />
    </SettingsPanel>
  );
}
