"use client";

import { useState } from "react";
import { useTranslations } from "use-intl";

/** Runs one action at a time (named by `key`, to show which button is busy) and keeps the server's error message to show. */
export function useAction() {
  const t = useTranslations("ui");
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function run(key: string, action: () => Promise<unknown>): Promise<boolean> {
    setBusy(key);
    setError(null);
    try {
      await action();
      return true;
    } catch (e) {
      setError(e instanceof Error && e.message ? e.message : t("actionFailed"));
      return false;
    } finally {
      setBusy(null);
    }
  }

  /** Shows an error found before anything ran (e.g. a file too large to send). */
  const fail = (message: string) => setError(message);

  return { busy, error, run, fail };
}
