"use client";

import { ShieldAlert, ShieldCheck } from "lucide-react";
import type { ReactNode } from "react";
import { useTranslations } from "use-intl";
import type { SafetyCheck } from "@/lib/client/e2ee/verification";
import type { PublicUser } from "@/lib/contracts/users";
import { safetyNumberGroups } from "@/lib/crypto/safety-number";
import { useMessagingEngine } from "../chat/use-messaging";
import { PaneSection, SidePane } from "../groups/side-pane";
import { Button } from "../ui/button";
import { Spinner } from "../ui/spinner";
import { useAction } from "../ui/use-action";
import { QrCode } from "./qr-code";
import { useSafetyNumber } from "./use-safety-number";

/**
 * "Verify security code" (WhatsApp's panel): the safety number with `user` as a QR code and 60 digits, to
 * compare by eye with the ones on their screen, and "Mark as verified", kept on this device.
 */
export function VerifyPanel({
  user,
  onBack,
  backLabel,
}: {
  user: PublicUser;
  onBack: () => void;
  /** Where Back goes (contact info, or the chat for a group member's code). */
  backLabel?: string;
}) {
  const t = useTranslations("e2ee.verify");
  const safety = useSafetyNumber(user.id);
  const name = user.displayName;
  let body: ReactNode;
  if (safety.status === "loading")
    body = (
      <span className="my-12 text-brand">
        <Spinner label={t("computing")} />
      </span>
    );
  else if (safety.status === "error")
    body = (
      <p role="alert" className="text-danger">
        {t("failed", { reason: safety.message })}
      </p>
    );
  else if (!safety.check) body = <p>{t("noDevice", { name })}</p>;
  else body = <SafetyCode user={user} check={safety.check} />;
  return (
    <SidePane label={t("title")} title={t("title")} closeLabel={backLabel ?? t("back")} back onClose={onBack}>
      <PaneSection>
        <div className="flex flex-col items-center px-8 py-4 text-center text-sm text-ink-muted">{body}</div>
      </PaneSection>
    </SidePane>
  );
}

/** The code itself, what to do with it, and the verification buttons. */
function SafetyCode({ user, check }: { user: PublicUser; check: SafetyCheck }) {
  const t = useTranslations("e2ee.verify");
  const engine = useMessagingEngine();
  const action = useAction();
  const name = user.displayName;
  const mark = (digits: string | null) => void action.run("verify", () => engine.verification.setVerified(user.id, digits));
  return (
    <div className="flex max-w-sm flex-col items-center gap-6">
      <QrCode value={check.digits} label={t("qrLabel", { name })} className="size-52 rounded-lg border border-line p-1" />
      <figure>
        <figcaption className="sr-only">{t("code")}</figcaption>
        <p className="grid grid-cols-4 gap-x-5 gap-y-2 font-mono text-lg tracking-wider text-ink tabular-nums">
          {safetyNumberGroups(check.digits).map((group, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the 12 groups have fixed places.
            <span key={i}>{group}</span>
          ))}
        </p>
      </figure>
      <p>{t("explain", { name })}</p>
      <VerificationStatus name={name} verified={check.verified} stale={check.stale} />
      <div className="flex flex-wrap justify-center gap-2">
        {!check.verified && (
          <Button busy={action.busy !== null} onClick={() => mark(check.digits)}>
            {t("mark")}
          </Button>
        )}
        {(check.verified || check.stale) && (
          <Button variant="plain" busy={action.busy !== null} onClick={() => mark(null)}>
            {t("clear")}
          </Button>
        )}
      </div>
      {action.error && (
        <p role="alert" className="text-danger">
          {action.error}
        </p>
      )}
    </div>
  );
}

/** Whether I verified this code, or one before it (void since either person's devices changed). */
export function VerificationStatus({ name, verified, stale }: { name: string; verified: boolean; stale: boolean }) {
  const t = useTranslations("e2ee.verify");
  if (verified)
    return (
      <p role="status" className="flex items-center gap-2 text-sm text-brand-strong dark:text-brand">
        <ShieldCheck aria-hidden className="size-4 shrink-0" />
        {t("verifiedWith", { name })}
      </p>
    );
  if (stale)
    return (
      <p role="status" className="flex items-start gap-2 text-sm text-[#a15c00] dark:text-[#ffd279]">
        <ShieldAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
        {t("stale", { name })}
      </p>
    );
  return null;
}
