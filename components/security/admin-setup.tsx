"use client";

import { ShieldCheck } from "lucide-react";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslations } from "use-intl";
import { ApiError, request } from "@/lib/api-client";
import { adminSetupSchema } from "@/lib/contracts/system";
import { SettingsSection } from "../shell/settings-panel";
import { Button } from "../ui/button";
import { TextField } from "../ui/text-field";
import { useAction } from "../ui/use-action";

/**
 * Only while the server has no admin: the setup token the server printed in its log makes this account
 * the first admin. Renders nothing otherwise (or if the state can't be read).
 */
export function AdminSetup() {
  const t = useTranslations("security.adminSetup");
  const [needed, setNeeded] = useState(false);
  const [done, setDone] = useState(false);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const { busy, run } = useAction();

  useEffect(() => {
    request("GET /api/v1/system/admin-setup").then(
      (s) => setNeeded(s.needed),
      () => setNeeded(false),
    );
  }, []);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = adminSetupSchema.safeParse(Object.fromEntries(new FormData(event.currentTarget)));
    if (!parsed.success) return setFieldError(parsed.error.issues[0].message);
    setFieldError(undefined);
    void run("setup", async () => {
      try {
        await request("POST /api/v1/system/admin-setup", { json: parsed.data });
        setDone(true);
      } catch (e) {
        setFieldError(e instanceof ApiError ? e.message : t("failed"));
      }
    });
  }

  if (!needed) return null;
  return (
    <section aria-label={t("title")} className="mt-2 border-t border-line">
      <SettingsSection title={t("title")} />
      {done ? (
        <p role="status" className="mx-8 my-3 flex items-start gap-3 text-sm text-brand-strong dark:text-brand">
          <ShieldCheck aria-hidden className="mt-0.5 size-5 shrink-0" />
          <span>
            {t.rich("done", {
              link: (chunks) => (
                <a href="/admin" className="underline underline-offset-2">
                  {chunks}
                </a>
              ),
            })}
          </span>
        </p>
      ) : (
        <form aria-label={t("form")} onSubmit={onSubmit} className="flex flex-col gap-3 px-8 py-3" noValidate>
          <p className="text-sm text-ink-muted">{t("body")}</p>
          <TextField label={t("token")} name="token" autoComplete="off" spellCheck={false} error={fieldError} />
          <div className="flex justify-end">
            <Button type="submit" busy={busy === "setup"}>
              {t("submit")}
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}
