"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { type FormEvent, useState } from "react";
import { useTranslations } from "use-intl";
import { safeNextPath } from "@/lib/client/next-path";
import type { ApiErrorBody } from "@/lib/contracts/errors";
import { errorText } from "@/lib/i18n/text";
import { Button } from "../ui/button";
import { TextField } from "../ui/text-field";
import { FormAlert } from "./form-alert";

/**
 * Signs in through next-auth's credentials provider; returns an error message in the page's language, or
 * null (`wrongCredentials` when the username or password is wrong). A refusal of the server's (too many
 * failed sign-ins, a disabled account) comes as its error body in JSON (server/auth/auth-options.ts).
 */
export async function signInWithPassword(username: string, password: string, wrongCredentials: string): Promise<string | null> {
  const result = await signIn("credentials", { username, password, redirect: false });
  if (result?.ok && !result.error) return null;
  if (!result?.error || result.error === "CredentialsSignin") return wrongCredentials;
  try {
    return errorText(JSON.parse(result.error) as ApiErrorBody);
  } catch {
    return result.error;
  }
}

export function SignInForm() {
  const t = useTranslations("auth");
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    const message = await signInWithPassword(String(form.get("username")), String(form.get("password")), t("signIn.wrong")).catch(() =>
      t("signIn.offline"),
    );
    if (message) {
      setError(message);
      setBusy(false);
      return;
    }
    // Back to where signing in was asked for (e.g. an invite link), if that is a page of this site.
    router.replace(safeNextPath(new URLSearchParams(window.location.search).get("next")));
    router.refresh();
  }

  return (
    <form method="post" onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <TextField label={t("fields.username")} name="username" autoComplete="username" autoCapitalize="none" required autoFocus />
      <TextField label={t("fields.password")} name="password" type="password" autoComplete="current-password" required />
      <Link href="/forgot-password" className="-mt-2 self-end text-sm text-brand-strong hover:underline dark:text-brand">
        {t("signIn.forgot")}
      </Link>
      <FormAlert message={error} />
      <Button type="submit" busy={busy} className="mt-2">
        {t("signIn.submit")}
      </Button>
    </form>
  );
}
