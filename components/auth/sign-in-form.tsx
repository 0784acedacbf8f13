"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { type FormEvent, useState } from "react";
import { safeNextPath } from "@/lib/client/next-path";
import { Button } from "../ui/button";
import { TextField } from "../ui/text-field";
import { FormAlert } from "./form-alert";

/** Signs in through next-auth's credentials provider; returns an error message or null. */
export async function signInWithPassword(username: string, password: string): Promise<string | null> {
  const result = await signIn("credentials", { username, password, redirect: false });
  if (result?.ok && !result.error) return null;
  return result?.error && result.error !== "CredentialsSignin" ? result.error : "Wrong username or password";
}

export function SignInForm() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    const message = await signInWithPassword(String(form.get("username")), String(form.get("password"))).catch(
      () => "Can't reach the server. Check your connection.",
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
      <TextField label="Username" name="username" autoComplete="username" autoCapitalize="none" required autoFocus />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" required />
      <Link href="/forgot-password" className="-mt-2 self-end text-sm text-brand-strong hover:underline dark:text-brand">
        Forgot password?
      </Link>
      <FormAlert message={error} />
      <Button type="submit" busy={busy} className="mt-2">
        Sign in
      </Button>
    </form>
  );
}
