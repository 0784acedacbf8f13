"use client";

import { Copy, DatabaseBackup, KeyRound, LockKeyhole, MonitorSmartphone, ShieldCheck } from "lucide-react";
import { type FormEvent, useRef, useState } from "react";
import { useTranslations } from "use-intl";
import { BACKUP_PASSPHRASE_MIN } from "@/lib/contracts/key-backup";
import { secretOf } from "@/lib/crypto/key-backup-client";
import { FormAlert } from "../auth/form-alert";
import { useMessagingEngine } from "../chat/use-messaging";
import { SettingsIntro, SettingsPanel, SettingsSection } from "../shell/settings-panel";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { Modal } from "../ui/modal";
import { TextField } from "../ui/text-field";
import { useAction } from "../ui/use-action";
import { spacedDeviceId } from "./history-request-banner";
import { useKeyBackup } from "./use-key-backup";

/**
 * Settings › Chat backup: the keys of the user's end-to-end encrypted chats, backed up on the server
 * encrypted with a recovery key (shown once) or a passphrase only the user knows; a new device restores
 * them to read the history. The server can't open the backup.
 */
export function BackupPanel({ onBack }: { onBack: () => void }) {
  const t = useTranslations("security");
  const engine = useMessagingEngine();
  const { backup, refresh } = useKeyBackup();
  const { busy, error, run, fail } = useAction();
  const [recoveryKey, setRecoveryKey] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<"replace" | "remove" | null>(null);
  const [passphraseErrors, setPassphraseErrors] = useState<{ passphrase?: string; confirmPassphrase?: string }>({});

  const create = (passphrase?: string) =>
    run("create", async () => {
      setNotice(null);
      const made = await (await engine.crypto()).backup.create(passphrase);
      setConfirm(null);
      setRecoveryKey(made.recoveryKey);
      if (passphrase) setNotice(t("backup.passphraseOn"));
      refresh();
    });

  function onPassphrase(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const { passphrase, confirmPassphrase } = Object.fromEntries(new FormData(form)) as Record<string, string>;
    if (passphrase.length < BACKUP_PASSPHRASE_MIN)
      return setPassphraseErrors({ passphrase: t("backup.passphraseTooShort", { min: BACKUP_PASSPHRASE_MIN }) });
    if (confirmPassphrase !== passphrase) return setPassphraseErrors({ confirmPassphrase: t("backup.passphraseMismatch") });
    setPassphraseErrors({});
    void create(passphrase).then((done) => done && form.reset());
  }

  function onRestore(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (backup.state !== "locked") return;
    const typed = String(new FormData(event.currentTarget).get("secret") ?? "").trim();
    if (!typed) return fail(backup.passphrase ? t("backup.typeSecret") : t("backup.typeRecoveryKey"));
    void run("restore", async () => {
      setNotice(null);
      const { restored } = await (await engine.crypto()).backup.restore(secretOf(typed, backup.passphrase));
      setNotice(t("backup.restored", { count: restored }));
      refresh();
    });
  }

  const remove = () =>
    run("remove", async () => {
      await (await engine.crypto()).backup.remove();
      setConfirm(null);
      setNotice(t("backup.removed"));
      refresh();
    });

  return (
    <SettingsPanel
      title={t("backup.title")}
      onBack={onBack}
      error={backup.state === "unavailable" ? t("backup.unavailable", { message: backup.message }) : null}
      loading={backup.state === "loading" ? t("backup.loading") : null}
    >
      <SettingsIntro icon={DatabaseBackup}>{t("backup.intro")}</SettingsIntro>
      {notice && (
        <p role="status" className="mx-8 mt-2 rounded-md bg-brand/10 px-4 py-2 text-sm text-ink">
          {notice}
        </p>
      )}
      <div className="px-8 pt-2">
        <FormAlert message={error} />
      </div>

      {backup.state === "none" && (
        <>
          <SettingsSection title={t("backup.setUp")} />
          <div className="flex flex-col gap-3 px-8 py-3">
            <p className="text-sm text-ink-muted">{t("backup.recoveryKeyHint")}</p>
            <Button className="self-start" busy={busy === "create"} onClick={() => void create()}>
              <KeyRound aria-hidden className="size-4" /> {t("backup.createRecoveryKey")}
            </Button>
          </div>
          <SettingsSection title={t("backup.orPassphrase")} />
          <form aria-label={t("backup.passphraseForm")} onSubmit={onPassphrase} className="flex flex-col gap-4 px-8 py-3" noValidate>
            <TextField
              label={t("backup.passphrase")}
              name="passphrase"
              type="password"
              autoComplete="new-password"
              error={passphraseErrors.passphrase}
              hint={t("backup.passphraseHint", { min: BACKUP_PASSPHRASE_MIN })}
            />
            <TextField
              label={t("backup.confirmPassphrase")}
              name="confirmPassphrase"
              type="password"
              autoComplete="new-password"
              error={passphraseErrors.confirmPassphrase}
            />
            <div className="flex justify-end">
              <Button type="submit" variant="plain" busy={busy === "create"}>
                {t("backup.usePassphrase")}
              </Button>
            </div>
          </form>
        </>
      )}

      {backup.state === "on" && (
        <>
          <SettingsSection title={t("backup.section")} />
          <div className="flex items-start gap-4 px-8 py-3">
            <ShieldCheck aria-hidden className="mt-0.5 size-5 shrink-0 text-brand-strong dark:text-brand" />
            <div className="text-sm">
              <p className="text-ink">{t("backup.on")}</p>
              <p className="text-ink-muted">
                {t("backup.onDetails", { count: backup.count, secret: backup.passphrase ? "passphrase" : "recoveryKey" })}
              </p>
            </div>
          </div>
          <div className="flex flex-wrap gap-1 px-6">
            <Button variant="plain" className="px-3" onClick={() => setConfirm("replace")}>
              <KeyRound aria-hidden className="size-4" /> {t("backup.createNewRecoveryKey")}
            </Button>
            <Button variant="plain" className="px-3 text-danger! dark:text-danger!" onClick={() => setConfirm("remove")}>
              {t("backup.turnOff")}
            </Button>
          </div>
        </>
      )}

      {backup.state === "locked" && (
        <>
          <SettingsSection title={t("backup.restoreTitle")} />
          <form aria-label={t("backup.restoreTitle")} onSubmit={onRestore} className="flex flex-col gap-4 px-8 py-3" noValidate>
            <p className="flex items-start gap-3 text-sm text-ink-muted">
              <LockKeyhole aria-hidden className="mt-0.5 size-4 shrink-0" />
              {t("backup.lockedBody", { count: backup.count })}
            </p>
            <TextField
              label={backup.passphrase ? t("backup.secret") : t("recoveryKey")}
              name="secret"
              type="password"
              autoComplete="off"
              spellCheck={false}
            />
            <div className="flex items-center justify-between gap-2">
              <Button variant="plain" className="px-3 text-danger! dark:text-danger!" onClick={() => setConfirm("replace")}>
                {t("backup.startOver")}
              </Button>
              <Button type="submit" busy={busy === "restore"}>
                {t("restore")}
              </Button>
            </div>
          </form>
        </>
      )}

      {backup.state !== "loading" && backup.state !== "unavailable" && <AskOtherDevices />}

      <ConfirmDialog
        open={confirm === "replace"}
        title={t("backup.replaceTitle")}
        confirmLabel={t("backup.replaceConfirm")}
        busy={busy === "create"}
        onConfirm={() => void create()}
        onCancel={() => setConfirm(null)}
      >
        {backup.state === "locked" ? t("backup.replaceBodyLocked") : t("backup.replaceBody")}
      </ConfirmDialog>
      <ConfirmDialog
        open={confirm === "remove"}
        title={t("backup.removeTitle")}
        confirmLabel={t("backup.removeConfirm")}
        busy={busy === "remove"}
        onConfirm={() => void remove()}
        onCancel={() => setConfirm(null)}
      >
        {t("backup.removeBody")}
      </ConfirmDialog>
      <RecoveryKeyDialog recoveryKey={recoveryKey} onDone={() => setRecoveryKey(null)} />
    </SettingsPanel>
  );
}

/** Asks the user's other signed-in devices to send the history here (the user agrees on one of them). */
function AskOtherDevices() {
  const t = useTranslations("security.otherDevices");
  const engine = useMessagingEngine();
  const { busy, error, run } = useAction();
  const [asked, setAsked] = useState<{ devices: number; deviceId: string } | null>(null);
  return (
    <>
      <SettingsSection title={t("title")} />
      <div className="flex flex-col gap-3 px-8 py-3 text-sm text-ink-muted">
        <p>{t("body")}</p>
        {asked && (
          <p role="status" className="text-ink">
            {asked.devices === 0 ? t("none") : t("asked", { count: asked.devices, deviceId: spacedDeviceId(asked.deviceId) })}
          </p>
        )}
        <FormAlert message={error} />
        <Button
          variant="plain"
          className="self-start px-3"
          busy={busy === "ask"}
          onClick={() =>
            void run("ask", async () => {
              const crypto = await engine.crypto();
              setAsked({ devices: await crypto.history.ask(), deviceId: crypto.machine.deviceId.toString() });
            })
          }
        >
          <MonitorSmartphone aria-hidden className="size-4" /> {t("ask")}
        </Button>
      </div>
    </>
  );
}

/** The new recovery key, shown once, to copy or write down. */
function RecoveryKeyDialog({ recoveryKey, onDone }: { recoveryKey: string | null; onDone: () => void }) {
  const t = useTranslations("security");
  const [copied, setCopied] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);

  async function copy() {
    if (!recoveryKey) return;
    // The clipboard needs a secure context (https or localhost); elsewhere the key is selected for copying by hand.
    const done = await navigator.clipboard?.writeText(recoveryKey).then(
      () => true,
      () => false,
    );
    if (done) setCopied(true);
    else field.current?.select();
  }

  return (
    <Modal
      open={recoveryKey !== null}
      title={t("recoveryKeyDialog.title")}
      onClose={() => {
        setCopied(false);
        onDone();
      }}
    >
      <p className="mt-3 text-sm text-ink-muted">{t("recoveryKeyDialog.body")}</p>
      <textarea
        ref={field}
        readOnly
        aria-label={t("recoveryKey")}
        rows={2}
        value={recoveryKey ?? ""}
        onFocus={(e) => e.target.select()}
        className="mt-4 w-full resize-none rounded-lg bg-field px-3 py-2 font-mono text-[15px] tracking-wide text-ink outline-none"
      />
      <p aria-live="polite" className="h-4 text-xs text-brand-strong dark:text-brand">
        {copied ? t("recoveryKeyDialog.copied") : ""}
      </p>
      <div className="mt-4 flex justify-end gap-2">
        <Button variant="plain" className="px-3" onClick={() => void copy()}>
          <Copy aria-hidden className="size-4" /> {t("recoveryKeyDialog.copy")}
        </Button>
        <Button
          onClick={() => {
            setCopied(false);
            onDone();
          }}
        >
          {t("recoveryKeyDialog.done")}
        </Button>
      </div>
    </Modal>
  );
}
