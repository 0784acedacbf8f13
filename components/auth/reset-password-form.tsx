"use client";

import Link from "next/link";
import { type FormEvent, useState } from "react";
import { useTranslations } from "use-intl";
import { request } from "@/lib/api-client";
import { passwordSchema } from "@/lib/contracts/auth";
import { Button } from "../ui/button";
import { TextField } from "../ui/text-field";
import { useAction } from "../ui/use-action";
import { FormAlert } from "./form-alert";

/** Sets the new password from a reset link; afterwards every device is signed out and the user signs in anew. */
export function ResetPasswordForm({ token }: { token: string }) {
  const t = useTranslations("auth");
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [done, setDone] = useState(false);
  const { busy, error, run } = useAction();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = passwordSchema.safeParse(form.get("password"));
    if (!parsed.success) {
      setFieldError(parsed.error.issues[0].message);
      return;
    }
    if (form.get("confirm") !== parsed.data) {
      setFieldError(t("reset.mismatch"));
      return;
    }
    setFieldError(undefined);
    void run("reset", async () => {
      await request("POST /api/v1/auth/password-reset/confirm", { json: { token, password: parsed.data } });
      setDone(true);
    });
  }

  if (done) {
    return (
      <div role="status" className="flex flex-col gap-4 text-sm text-ink">
        <p>{t("reset.done")}</p>
        <Link
          href="/sign-in"
          className="inline-flex h-10 items-center justify-center rounded-full bg-brand-strong px-6 font-medium text-white hover:bg-brand dark:bg-brand dark:text-[#111b21]"
        >
          {t("signIn.submit")}
        </Link>
      </div>
    );
  }
  return (
    <form method="post" onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <TextField
        label={t("fields.newPassword")}
        name="password"
        type="password"
        autoComplete="new-password"
        hint={t("fields.passwordHint")}
        error={fieldError}
        required
        autoFocus
      />
      <TextField label={t("fields.repeatPassword")} name="confirm" type="password" autoComplete="new-password" required />
      <FormAlert message={error} />
      <Button type="submit" busy={busy !== null} className="mt-2">
        {t("reset.submit")}
      </Button>
    </form>
  );
}
