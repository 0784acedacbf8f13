"use client";

import { MailCheck } from "lucide-react";
import { type FormEvent, useState } from "react";
import { useTranslations } from "use-intl";
import { request } from "@/lib/api-client";
import { passwordResetRequestSchema } from "@/lib/contracts/email";
import { text } from "@/lib/i18n/text";
import { Button } from "../ui/button";
import { TextField } from "../ui/text-field";
import { useAction } from "../ui/use-action";
import { FormAlert } from "./form-alert";

/** Asks for a reset link; the server answers the same whether or not the account exists. */
export function ForgotPasswordForm() {
  const t = useTranslations("auth");
  const [sent, setSent] = useState<string | null>(null);
  const { busy, error, run, fail } = useAction();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = passwordResetRequestSchema.safeParse(Object.fromEntries(new FormData(event.currentTarget)));
    if (!parsed.success) return fail(parsed.error.issues[0].message);
    // The server answers the same English sentence whatever the login; the page says it in its language.
    void run("send", async () => {
      await request("POST /api/v1/auth/password-reset", { json: parsed.data });
      setSent(text("validation.email.resetRequested"));
    });
  }

  if (sent) {
    return (
      <div role="status" className="flex items-start gap-3 rounded-lg bg-brand/10 px-4 py-3 text-sm text-ink">
        <MailCheck aria-hidden className="mt-0.5 size-5 shrink-0 text-brand-strong dark:text-brand" />
        <p>{sent}</p>
      </div>
    );
  }
  return (
    <form method="post" onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <p className="text-sm text-ink-muted">{t("forgot.intro")}</p>
      <TextField label={t("fields.login")} name="login" autoComplete="username" autoCapitalize="none" required autoFocus />
      <FormAlert message={error} />
      <Button type="submit" busy={busy !== null} className="mt-2">
        {t("forgot.send")}
      </Button>
    </form>
  );
}
