"use client";

import { Ban } from "lucide-react";
import { useEffect, useState } from "react";
import { useTranslations } from "use-intl";
import { ApiError, request } from "@/lib/api-client";
import type { BlockedContact } from "@/lib/contracts/privacy";
import { useMessagingEngine } from "../chat/use-messaging";
import { PanelHeader } from "../shell/panel-header";
import { Avatar } from "../ui/avatar";
import { Button } from "../ui/button";
import { Spinner } from "../ui/spinner";
import { useAction } from "../ui/use-action";

/** "Blocked contacts": the people I blocked, each with Unblock. */
export function BlockedPanel({ onBack }: { onBack: () => void }) {
  const t = useTranslations("privacy");
  const engine = useMessagingEngine();
  const [blocked, setBlocked] = useState<BlockedContact[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const { busy, error, run } = useAction();

  useEffect(() => {
    request("GET /api/v1/users/me/blocked").then(
      (r) => setBlocked(r.blocked),
      (e: Error) => setLoadError(e instanceof ApiError ? e.message : t("blocked.loadError")),
    );
  }, [t]);

  async function unblock(userId: string) {
    if (await run(userId, () => engine.block(userId, false))) setBlocked((list) => list?.filter((b) => b.user.id !== userId) ?? null);
  }

  return (
    <div className="flex h-full flex-col animate-slide-in">
      <PanelHeader title={t("blockedContacts")} onBack={onBack} />
      <div className="min-h-0 flex-1 overflow-y-auto bg-panel">
        {(loadError ?? error) && (
          <p role="alert" className="px-8 py-3 text-sm text-danger">
            {loadError ?? error}
          </p>
        )}
        {blocked === null && !loadError && (
          <div className="flex justify-center py-8 text-brand">
            <Spinner label={t("blocked.loading")} />
          </div>
        )}
        {blocked?.length === 0 && (
          <div className="flex flex-col items-center gap-3 px-10 py-16 text-center">
            <Ban aria-hidden className="size-12 text-ink-muted" strokeWidth={1.25} />
            <p className="text-ink">{t("blocked.empty")}</p>
            <p className="text-sm text-ink-muted">{t("blocked.emptyHint")}</p>
          </div>
        )}
        {blocked && blocked.length > 0 && (
          <ul aria-label={t("blockedContacts")} className="flex flex-col">
            {blocked.map(({ user }) => (
              <li key={user.id} className="flex items-center gap-3 px-3">
                <Avatar src={user.avatarUrl} name={user.displayName} />
                <span className="flex min-w-0 flex-1 items-center gap-3 border-b border-line py-3">
                  <span className="flex min-w-0 flex-1 flex-col">
                    <span className="truncate text-[17px] text-ink">{user.displayName}</span>
                    <span className="truncate text-sm text-ink-muted">
                      <bdi>@{user.username}</bdi>
                    </span>
                  </span>
                  <Button
                    variant="plain"
                    aria-label={t("unblockName", { name: user.displayName })}
                    busy={busy === user.id}
                    onClick={() => void unblock(user.id)}
                  >
                    {t("unblock")}
                  </Button>
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
