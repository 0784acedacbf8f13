"use client";

import { CircleCheck, MailWarning } from "lucide-react";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslations } from "use-intl";
import { ApiError, request } from "@/lib/api-client";
import { type DigestHours, type EmailSettings as Settings, setEmailSchema } from "@/lib/contracts/email";
import { FormAlert } from "../auth/form-alert";
import { Button } from "../ui/button";
import { RadioGroup } from "../ui/radio-group";
import { Spinner } from "../ui/spinner";
import { TextField } from "../ui/text-field";
import { useAction } from "../ui/use-action";

/** The digest's choices: off, or after so many hours unread. */
const DIGEST = ["off", "1", "4", "8", "24"] as const;

/**
 * The email address (added, verified through the emailed link, resent, removed) and the digest of unread
 * messages. Made to sit in the Notifications settings; each change is saved at once.
 */
export function EmailSettings() {
  const t = useTranslations("notifications.email");
  const [settings, setSettings] = useState<Settings | null>(null);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [notice, setNotice] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<Error | null>(null);
  const { busy, error, run } = useAction();

  useEffect(() => {
    request("GET /api/v1/users/me/email").then(setSettings, (e: Error) => setLoadError(e));
  }, []);

  /** Saves and shows the server's answer; `done` says what happened, from that answer. */
  const save = (key: string, call: () => Promise<Settings>, done?: (s: Settings) => string) =>
    run(key, async () => {
      setNotice(null);
      const saved = await call();
      setSettings(saved);
      if (done) setNotice(done(saved));
    });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = setEmailSchema.safeParse(Object.fromEntries(new FormData(event.currentTarget)));
    if (!parsed.success) return setFieldError(parsed.error.issues[0].message);
    setFieldError(undefined);
    void save(
      "save",
      () => request("PUT /api/v1/users/me/email", { json: parsed.data }),
      (s) => (s.pendingEmail ? t("verificationSent", { email: s.pendingEmail }) : t("saved")),
    );
  }

  if (!settings) {
    return loadError ? (
      <div className="px-8 py-4">
        <FormAlert message={loadError instanceof ApiError ? loadError.message : t("loadFailed")} />
      </div>
    ) : (
      <div className="flex justify-center py-8 text-brand">
        <Spinner label={t("loading")} />
      </div>
    );
  }
  const shown = settings.pendingEmail ?? settings.email ?? "";
  return (
    <section aria-labelledby="email-settings-title" className="flex flex-col bg-panel">
      <h3 id="email-settings-title" className="px-8 pt-5 pb-1 text-sm text-brand-strong dark:text-brand">
        {t("title")}
      </h3>
      <form onSubmit={onSubmit} className="flex flex-col gap-3 px-8 py-3" noValidate>
        <TextField
          key={shown}
          label={t("address")}
          name="email"
          type="email"
          autoComplete="email"
          defaultValue={shown}
          error={fieldError}
          hint={t("addressHint")}
        />
        {settings.pendingEmail ? (
          <p className="flex flex-wrap items-center gap-2 text-sm text-ink-muted">
            <MailWarning aria-hidden className="size-4 text-danger" />
            <span>{t("notVerified")}</span>
            {settings.email && <span>{t("untilThen", { email: settings.email })}</span>}
          </p>
        ) : (
          settings.email && (
            <p className="flex items-center gap-2 text-sm text-brand-strong dark:text-brand">
              <CircleCheck aria-hidden className="size-4" />
              {t("verified")}
            </p>
          )
        )}
        <FormAlert message={error} />
        {notice && (
          <p role="status" className="text-sm text-brand-strong dark:text-brand">
            {notice}
          </p>
        )}
        <div className="flex flex-wrap justify-end gap-2">
          {(settings.email || settings.pendingEmail) && (
            <Button
              variant="plain"
              busy={busy === "remove"}
              onClick={() =>
                void save(
                  "remove",
                  () => request("DELETE /api/v1/users/me/email"),
                  () => t("removed"),
                )
              }
            >
              {t("remove")}
            </Button>
          )}
          {settings.pendingEmail && (
            <Button
              variant="plain"
              busy={busy === "resend"}
              onClick={() =>
                void save(
                  "resend",
                  () => request("POST /api/v1/users/me/email/verification"),
                  () => t("resent"),
                )
              }
            >
              {t("resend")}
            </Button>
          )}
          <Button type="submit" busy={busy === "save"}>
            {t("save")}
          </Button>
        </div>
      </form>
      <div className="border-t border-line">
        <RadioGroup
          label={t("digest")}
          description={settings.email ? t("digestHelp") : t("digestNeedsEmail")}
          options={DIGEST.map((value) => ({ value, label: value === "off" ? t("digestOff") : t("digestAfter", { hours: Number(value) }) }))}
          value={settings.digestHours === null ? "off" : String(settings.digestHours)}
          disabled={busy !== null}
          onChange={(v) =>
            void save("digest", () =>
              request("PUT /api/v1/users/me/email/digest", { json: { hours: v === "off" ? null : (Number(v) as DigestHours) } }),
            )
          }
        />
      </div>
    </section>
  );
}
