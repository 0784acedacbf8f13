"use client";

import { Lock, ShieldAlert, ShieldCheck } from "lucide-react";
import { useTranslations } from "use-intl";
import { usePointer } from "@/components/ui/use-pointer";
import { useSafetyNumber } from "./use-safety-number";

/** Contact info's "Encryption" row (an encrypted direct chat): opens "Verify security code", and says whether it is verified. */
export function EncryptionRow({ peer, onVerify }: { peer: string; onVerify: () => void }) {
  const safety = useSafetyNumber(peer);
  const check = safety.status === "ready" ? safety.check : null;
  const pointer = usePointer();
  const t = useTranslations("e2ee.row");
  return (
    <button
      type="button"
      onClick={onVerify}
      className="mt-2.5 flex w-full items-start gap-5 bg-panel px-8 py-4 text-start hover:bg-hover focus-visible:bg-hover"
    >
      <Lock aria-hidden className="mt-0.5 size-5 shrink-0 text-ink-muted" />
      <span className="min-w-0 flex-1">
        <span className="block text-ink">{t("title")}</span>
        <span className="block text-sm text-ink-muted">{t("hint", { pointer })}</span>
        {check?.verified && (
          <span className="mt-1 flex items-center gap-1.5 text-sm text-brand-strong dark:text-brand">
            <ShieldCheck aria-hidden className="size-4" />
            {t("verified")}
          </span>
        )}
        {check?.stale && (
          <span className="mt-1 flex items-center gap-1.5 text-sm text-[#a15c00] dark:text-[#ffd279]">
            <ShieldAlert aria-hidden className="size-4" />
            {t("changed")}
          </span>
        )}
      </span>
    </button>
  );
}
