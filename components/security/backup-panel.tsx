"use client";

import { Copy, DatabaseBackup, KeyRound, LockKeyhole, MonitorSmartphone, ShieldCheck } from "lucide-react";
import { type FormEvent, useRef, useState } from "react";
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

const keysBackedUp = (count: number) => (count === 1 ? "1 key" : `${count.toLocaleString()} keys`);

/**
 * Settings › Chat backup: the keys of the user's end-to-end encrypted chats, backed up on the server
 * encrypted with a recovery key (shown once) or a passphrase only the user knows; a new device restores
 * them to read the history. The server can't open the backup.
 */
export function BackupPanel({ onBack }: { onBack: () => void }) {
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
      if (passphrase) setNotice("Backup is on. Type your passphrase on a new device to restore your chats.");
      refresh();
    });

  function onPassphrase(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const { passphrase, confirmPassphrase } = Object.fromEntries(new FormData(form)) as Record<string, string>;
    if (passphrase.length < BACKUP_PASSPHRASE_MIN)
      return setPassphraseErrors({ passphrase: `At least ${BACKUP_PASSPHRASE_MIN} characters: a few words work well` });
    if (confirmPassphrase !== passphrase) return setPassphraseErrors({ confirmPassphrase: "The passphrases don't match" });
    setPassphraseErrors({});
    void create(passphrase).then((done) => done && form.reset());
  }

  function onRestore(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (backup.state !== "locked") return;
    const typed = String(new FormData(event.currentTarget).get("secret") ?? "").trim();
    if (!typed) return fail(backup.passphrase ? "Type your recovery key or passphrase" : "Type your recovery key");
    void run("restore", async () => {
      setNotice(null);
      const { restored } = await (await engine.crypto()).backup.restore(secretOf(typed, backup.passphrase));
      setNotice(`Chat history restored (${keysBackedUp(restored)}).`);
      refresh();
    });
  }

  const remove = () =>
    run("remove", async () => {
      await (await engine.crypto()).backup.remove();
      setConfirm(null);
      setNotice("Backup turned off and deleted from the server.");
      refresh();
    });

  return (
    <SettingsPanel
      title="Chat backup"
      onBack={onBack}
      error={backup.state === "unavailable" ? `Encryption isn't ready on this device: ${backup.message}` : null}
      loading={backup.state === "loading" ? "Loading backup" : null}
    >
      <SettingsIntro icon={DatabaseBackup}>
        Your chats are end-to-end encrypted: only your devices hold their keys. Back the keys up, locked with a recovery key or a passphrase
        only you know, to read your chat history on a new device. No one else, not even this server, can open the backup.
      </SettingsIntro>
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
          <SettingsSection title="Set up backup" />
          <div className="flex flex-col gap-3 px-8 py-3">
            <p className="text-sm text-ink-muted">
              A recovery key is 48 characters made for you. Keep it somewhere safe: it is shown once.
            </p>
            <Button className="self-start" busy={busy === "create"} onClick={() => void create()}>
              <KeyRound aria-hidden className="size-4" /> Create recovery key
            </Button>
          </div>
          <SettingsSection title="Or use a passphrase" />
          <form aria-label="Use a passphrase" onSubmit={onPassphrase} className="flex flex-col gap-4 px-8 py-3" noValidate>
            <TextField
              label="Passphrase"
              name="passphrase"
              type="password"
              autoComplete="new-password"
              error={passphraseErrors.passphrase}
              hint={`At least ${BACKUP_PASSPHRASE_MIN} characters, and not your account password.`}
            />
            <TextField
              label="Confirm passphrase"
              name="confirmPassphrase"
              type="password"
              autoComplete="new-password"
              error={passphraseErrors.confirmPassphrase}
            />
            <div className="flex justify-end">
              <Button type="submit" variant="plain" busy={busy === "create"}>
                Use passphrase
              </Button>
            </div>
          </form>
        </>
      )}

      {backup.state === "on" && (
        <>
          <SettingsSection title="Backup" />
          <div className="flex items-start gap-4 px-8 py-3">
            <ShieldCheck aria-hidden className="mt-0.5 size-5 shrink-0 text-brand-strong dark:text-brand" />
            <div className="text-sm">
              <p className="text-ink">Backup is on</p>
              <p className="text-ink-muted">
                {keysBackedUp(backup.count)} backed up, unlocked by your {backup.passphrase ? "passphrase" : "recovery key"}. New chats are
                added as they start.
              </p>
            </div>
          </div>
          <div className="flex flex-wrap gap-1 px-6">
            <Button variant="plain" className="px-3" onClick={() => setConfirm("replace")}>
              <KeyRound aria-hidden className="size-4" /> Create a new recovery key
            </Button>
            <Button variant="plain" className="px-3 text-danger! dark:text-danger!" onClick={() => setConfirm("remove")}>
              Turn off backup
            </Button>
          </div>
        </>
      )}

      {backup.state === "locked" && (
        <>
          <SettingsSection title="Restore your chat history" />
          <form aria-label="Restore your chat history" onSubmit={onRestore} className="flex flex-col gap-4 px-8 py-3" noValidate>
            <p className="flex items-start gap-3 text-sm text-ink-muted">
              <LockKeyhole aria-hidden className="mt-0.5 size-4 shrink-0" />
              This device can't read messages from before it signed in until you unlock your backup ({keysBackedUp(backup.count)}).
            </p>
            <TextField
              label={backup.passphrase ? "Recovery key or passphrase" : "Recovery key"}
              name="secret"
              type="password"
              autoComplete="off"
              spellCheck={false}
            />
            <div className="flex items-center justify-between gap-2">
              <Button variant="plain" className="px-3 text-danger! dark:text-danger!" onClick={() => setConfirm("replace")}>
                Lost it? Start over
              </Button>
              <Button type="submit" busy={busy === "restore"}>
                Restore
              </Button>
            </div>
          </form>
        </>
      )}

      {backup.state !== "loading" && backup.state !== "unavailable" && <AskOtherDevices />}

      <ConfirmDialog
        open={confirm === "replace"}
        title="Create a new recovery key?"
        confirmLabel="Create new key"
        busy={busy === "create"}
        onConfirm={() => void create()}
        onCancel={() => setConfirm(null)}
      >
        The backup starts over with a new recovery key; the old key and passphrase stop working. This device backs up the keys it holds
        {backup.state === "locked" ? ", but history only the old backup held can no longer be restored" : ""}.
      </ConfirmDialog>
      <ConfirmDialog
        open={confirm === "remove"}
        title="Turn off backup?"
        confirmLabel="Turn off"
        busy={busy === "remove"}
        onConfirm={() => void remove()}
        onCancel={() => setConfirm(null)}
      >
        Your backed-up keys are deleted from the server. A new device will only read messages sent after it signs in.
      </ConfirmDialog>
      <RecoveryKeyDialog recoveryKey={recoveryKey} onDone={() => setRecoveryKey(null)} />
    </SettingsPanel>
  );
}

/** Asks the user's other signed-in devices to send the history here (the user agrees on one of them). */
function AskOtherDevices() {
  const engine = useMessagingEngine();
  const { busy, error, run } = useAction();
  const [asked, setAsked] = useState<{ devices: number; deviceId: string } | null>(null);
  return (
    <>
      <SettingsSection title="From your other devices" />
      <div className="flex flex-col gap-3 px-8 py-3 text-sm text-ink-muted">
        <p>Signed in on another device too? It can send the history here: it asks you there first.</p>
        {asked && (
          <p role="status" className="text-ink">
            {asked.devices === 0
              ? "You aren't signed in on another device."
              : `Asked ${asked.devices === 1 ? "your other device" : `your ${asked.devices} other devices`}: choose Share history there, for this device (${spacedDeviceId(asked.deviceId)}).`}
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
          <MonitorSmartphone aria-hidden className="size-4" /> Ask my other devices
        </Button>
      </div>
    </>
  );
}

/** The new recovery key, shown once, to copy or write down. */
function RecoveryKeyDialog({ recoveryKey, onDone }: { recoveryKey: string | null; onDone: () => void }) {
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
      title="Save your recovery key"
      onClose={() => {
        setCopied(false);
        onDone();
      }}
    >
      <p className="mt-3 text-sm text-ink-muted">
        Write it down or keep it in a password manager. It is shown only this once: with it, a new device reads your chat history.
      </p>
      <textarea
        ref={field}
        readOnly
        aria-label="Recovery key"
        rows={2}
        value={recoveryKey ?? ""}
        onFocus={(e) => e.target.select()}
        className="mt-4 w-full resize-none rounded-lg bg-field px-3 py-2 font-mono text-[15px] tracking-wide text-ink outline-none"
      />
      <p aria-live="polite" className="h-4 text-xs text-brand-strong dark:text-brand">
        {copied ? "Recovery key copied" : ""}
      </p>
      <div className="mt-4 flex justify-end gap-2">
        <Button variant="plain" className="px-3" onClick={() => void copy()}>
          <Copy aria-hidden className="size-4" /> Copy
        </Button>
        <Button
          onClick={() => {
            setCopied(false);
            onDone();
          }}
        >
          Done
        </Button>
      </div>
    </Modal>
  );
}
