"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { useLocale, useTranslations } from "use-intl";
import { ApiError, request } from "@/lib/api-client";
import { registerSchema, usernameRule } from "@/lib/contracts/auth";
import { Button } from "../ui/button";
import { TextField } from "../ui/text-field";
import { FormAlert } from "./form-alert";
import { signInWithPassword } from "./sign-in-form";

type Field = "username" | "displayName" | "password";

export function SignUpForm() {
  const t = useTranslations("auth");
  const router = useRouter();
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const locale = useLocale();
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    const parsed = registerSchema.safeParse(Object.fromEntries(new FormData(event.currentTarget)));
    if (!parsed.success) {
      const errors: Partial<Record<Field, string>> = {};
      for (const issue of parsed.error.issues) errors[issue.path[0] as Field] ??= issue.message;
      setFieldErrors(errors);
      return;
    }
    setFieldErrors({});
    setBusy(true);
    try {
      // The account's emails come in the language it signed up in (Settings › Language changes it).
      await request("POST /api/v1/auth/register", { json: { ...parsed.data, locale } });
      const message = await signInWithPassword(parsed.data.username, parsed.data.password, t("signIn.wrong"));
      if (message) throw new Error(message);
      router.replace("/");
      router.refresh();
    } catch (e) {
      if (e instanceof ApiError && e.body.field) setFieldErrors({ [e.body.field]: e.message });
      else setError((e as Error).message);
      setBusy(false);
    }
  }

  return (
    <form method="post" onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <TextField
        label={t("fields.username")}
        name="username"
        autoComplete="username"
        autoCapitalize="none"
        required
        autoFocus
        hint={usernameRule()}
        error={fieldErrors.username}
      />
      <TextField label={t("fields.displayName")} name="displayName" autoComplete="name" required error={fieldErrors.displayName} />
      <TextField
        label={t("fields.password")}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint={t("fields.passwordHint")}
        error={fieldErrors.password}
      />
      <FormAlert message={error} />
      <Button type="submit" busy={busy} className="mt-2">
        {t("signUp.submit")}
      </Button>
    </form>
  );
}
