"use client";

import { Timer } from "lucide-react";
import { useId, useState } from "react";
import { useTranslations } from "use-intl";
import { DISAPPEAR_TIMERS } from "@/lib/contracts/message-actions";
import type { ConversationSummary } from "@/lib/contracts/messaging";
import { Select } from "../../ui/select";
import { useMessagingEngine } from "../use-messaging";

/** Each timer's label in the catalog (disappearing.timers). */
const LABELS = {
  off: "off",
  "24 hours": "hours24",
  "7 days": "days7",
  "90 days": "days90",
} as const satisfies Record<keyof typeof DISAPPEAR_TIMERS, string>;

/**
 * "Disappearing messages" in a chat's info: the timer new messages get. Either person in a direct chat
 * may change it; in a group, admins (others see it, read-only).
 */
export function DisappearingSetting({ conversation, canChange }: { conversation: ConversationSummary; canChange: boolean }) {
  const t = useTranslations("chatActions.disappearing");
  const engine = useMessagingEngine();
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const current = conversation.disappearAfter ?? 0;
  async function change(seconds: number) {
    setBusy(true);
    setError(null);
    try {
      await engine.setDisappearing(conversation.id, seconds);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="mt-2.5 flex items-center gap-5 bg-panel px-8 py-4">
      <Timer aria-hidden className="size-5 shrink-0 text-ink-muted" />
      <div className="min-w-0 flex-1">
        <label htmlFor={id} className="block text-ink">
          {t("label")}
        </label>
        <p className="text-xs text-ink-muted">{t("hint")}</p>
        {error && (
          <p role="alert" className="pt-1 text-xs text-danger">
            {error}
          </p>
        )}
      </div>
      <Select
        id={id}
        value={current}
        disabled={!canChange || busy}
        onChange={(e) => void change(Number(e.target.value))}
        className="shrink-0"
      >
        {Object.entries(DISAPPEAR_TIMERS).map(([name, seconds]) => (
          <option key={name} value={seconds}>
            {t(`timers.${LABELS[name as keyof typeof DISAPPEAR_TIMERS]}`)}
          </option>
        ))}
      </Select>
    </div>
  );
}
