"use client";

import { Star } from "lucide-react";
import { useEffect, useState } from "react";
import { useTranslations } from "use-intl";
import type { StarredMessage } from "@/lib/contracts/message-actions";
import type { ChatMessage } from "@/lib/contracts/messaging";
import { useMessaging, useMessagingEngine } from "../chat/use-messaging";
import { PanelHeader } from "../shell/panel-header";
import { Spinner } from "../ui/spinner";
import { MessageResults } from "./message-results";

/** "Starred messages": what I starred in any chat, most recent star first; choosing one goes to it. */
export function StarredPanel({ onBack, onOpen }: { onBack: () => void; onOpen: (message: ChatMessage) => void }) {
  const t = useTranslations("search.starredPanel");
  const engine = useMessagingEngine();
  // Starring or unstarring on any device reloads the list.
  const marks = useMessaging((s) => s.starred);
  const [starred, setStarred] = useState<StarredMessage[] | "loading" | "error">("loading");
  // biome-ignore lint/correctness/useExhaustiveDependencies: reloads when my stars change.
  useEffect(() => {
    engine.starred().then(setStarred, () => setStarred("error"));
  }, [engine, marks]);
  return (
    <div className="flex h-full flex-col animate-slide-in">
      <PanelHeader title={t("title")} onBack={onBack} />
      <div className="min-h-0 flex-1 overflow-y-auto bg-panel">
        {starred === "loading" && (
          <div className="flex justify-center py-8 text-brand">
            <Spinner label={t("loading")} />
          </div>
        )}
        {starred === "error" && (
          <p role="alert" className="px-6 py-4 text-sm text-danger">
            {t("loadFailed")}
          </p>
        )}
        {Array.isArray(starred) &&
          (starred.length ? (
            <MessageResults label={t("title")} messages={starred.map((s) => s.message)} showChat starred onOpen={onOpen} />
          ) : (
            <div className="flex flex-col items-center gap-3 px-10 py-16 text-center text-ink-muted">
              <Star aria-hidden className="size-12" strokeWidth={1.25} />
              <p className="text-sm">{t("empty")}</p>
            </div>
          ))}
      </div>
    </div>
  );
}
