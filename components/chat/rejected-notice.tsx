"use client";

import { CircleAlert, X } from "lucide-react";
import { useTranslations } from "use-intl";
import { useMessaging, useMessagingEngine } from "./use-messaging";

/** Tells the user a message was refused by the server for good, with its text so nothing is lost silently. */
export function RejectedNotice({ conversationId }: { conversationId: string }) {
  const t = useTranslations("chat");
  const rejected = useMessaging((s) => s.rejected);
  const { store } = useMessagingEngine();
  if (!rejected || (rejected.conversationId && rejected.conversationId !== conversationId)) return null;
  return (
    <div role="alert" className="mx-4 mb-2 flex items-start gap-3 rounded-lg bg-panel px-4 py-3 text-sm text-ink shadow">
      <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-danger" />
      <p className="min-w-0 flex-1">
        <span className="font-medium">{t("rejected.notSent", { reason: rejected.reason })}</span>
        <span className="mt-1 block truncate text-ink-muted">“{rejected.text}”</span>
      </p>
      <button type="button" aria-label={t("dismiss")} onClick={() => store.dismissRejected()} className="rounded-full p-1 hover:bg-hover">
        <X aria-hidden className="size-4" />
      </button>
    </div>
  );
}
