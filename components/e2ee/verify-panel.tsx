"use client";

import { ArrowLeft, ShieldAlert, ShieldCheck } from "lucide-react";
import type { PublicUser } from "@/lib/contracts/users";
import { safetyNumberGroups } from "@/lib/crypto/safety-number";
import { useMessagingEngine } from "../chat/use-messaging";
import { Button } from "../ui/button";
import { Spinner } from "../ui/spinner";
import { useAction } from "../ui/use-action";
import { QrCode } from "./qr-code";
import { useSafetyNumber } from "./use-safety-number";

/**
 * "Verify security code" (WhatsApp's panel): the safety number with `user` as a QR code and 60 digits, to
 * compare by eye with the ones on their screen, and "Mark as verified", kept on this device.
 */
export function VerifyPanel({ user, onBack }: { user: PublicUser; onBack: () => void }) {
  const engine = useMessagingEngine();
  const safety = useSafetyNumber(user.id);
  const action = useAction();
  const name = user.displayName;
  const check = safety.status === "ready" ? safety.check : null;
  const mark = (digits: string | null) => void action.run("verify", () => engine.verification.setVerified(user.id, digits));

  return (
    <section aria-label="Verify security code" className="flex h-full min-h-0 flex-col bg-app dark:bg-panel">
      <header className="flex h-[59px] shrink-0 items-center gap-4 border-l border-line bg-panel-header px-4">
        <button
          type="button"
          aria-label="Back to contact info"
          title="Back to contact info"
          onClick={onBack}
          className="rounded-full p-1 text-ink-muted hover:bg-black/5 dark:hover:bg-white/10"
        >
          <ArrowLeft aria-hidden className="size-6" />
        </button>
        <h2 className="truncate text-base text-ink">Verify security code</h2>
      </header>
      <div className="min-h-0 flex-1 overflow-y-auto bg-panel px-8 py-8">
        {safety.status === "loading" && (
          <div className="flex justify-center py-16 text-brand">
            <Spinner label="Computing the security code" />
          </div>
        )}
        {safety.status === "error" && (
          <p role="alert" className="text-center text-sm text-danger">
            Couldn't compute the security code. {safety.message}
          </p>
        )}
        {safety.status === "ready" && !check && (
          <p className="text-center text-sm text-ink-muted">
            {name} has no device with encryption keys yet, so there is no code to compare.
          </p>
        )}
        {check && (
          <div className="mx-auto flex max-w-sm flex-col items-center gap-6">
            <QrCode
              value={check.digits}
              label={`QR code of your security code with ${name}`}
              className="size-52 rounded-lg border border-line p-1"
            />
            <figure data-testid="safety-number">
              <figcaption className="sr-only">Security code</figcaption>
              <p className="grid grid-cols-4 gap-x-5 gap-y-2 font-mono text-lg tracking-wider text-ink tabular-nums">
                {safetyNumberGroups(check.digits).map((group, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the 12 groups have fixed places.
                  <span key={i}>{group}</span>
                ))}
              </p>
            </figure>
            <p className="text-center text-sm text-ink-muted">
              To verify that messages with {name} are end-to-end encrypted, compare this code with the one on their screen (their contact
              info for you, then Encryption). The code covers all of your devices and all of theirs.
            </p>
            <VerificationStatus name={name} verified={check.verified} stale={check.stale} />
            <div className="flex flex-wrap justify-center gap-2">
              {!check.verified && (
                <Button busy={action.busy !== null} onClick={() => mark(check.digits)}>
                  Mark as verified
                </Button>
              )}
              {(check.verified || check.stale) && (
                <Button variant="plain" busy={action.busy !== null} onClick={() => mark(null)}>
                  Clear verification
                </Button>
              )}
            </div>
            {action.error && (
              <p role="alert" className="text-center text-sm text-danger">
                {action.error}
              </p>
            )}
          </div>
        )}
      </div>
    </section>
  );
}

/** Whether I verified this code, or one before it (void since either person's devices changed). */
export function VerificationStatus({ name, verified, stale }: { name: string; verified: boolean; stale: boolean }) {
  if (verified)
    return (
      <p role="status" className="flex items-center gap-2 text-sm text-brand-strong dark:text-brand">
        <ShieldCheck aria-hidden className="size-4 shrink-0" />
        Verified: you checked this code with {name}.
      </p>
    );
  if (stale)
    return (
      <p role="status" className="flex items-start gap-2 text-sm text-[#a15c00] dark:text-[#ffd279]">
        <ShieldAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
        Your security code with {name} changed since you verified it (a device was added or removed). The verification no longer holds:
        compare the new code.
      </p>
    );
  return null;
}
