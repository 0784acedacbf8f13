"use client";

import { RefreshCw } from "lucide-react";
import { useSyncExternalStore } from "react";
import { useTranslations } from "use-intl";
import { isUpdateRequired, onUpdateRequired } from "@/lib/client/update-required";
import { Button } from "../ui/button";
import { TopBanner } from "../ui/top-banner";

/**
 * "Update available": the server no longer accepts this version of the app (docs/api.md#protocol-versions).
 * The app has stopped talking to it; what the user sent waits in the outbox and goes out after the reload.
 */
export function UpdateBanner() {
  const t = useTranslations("shell.updateBanner");
  const required = useSyncExternalStore(onUpdateRequired, isUpdateRequired, () => false);
  if (!required) return null;
  return (
    <TopBanner
      id="update-banner-title"
      icon={<RefreshCw aria-hidden className="size-5 shrink-0 text-brand-strong dark:text-brand" />}
      title={t("title")}
      action={<Button onClick={() => window.location.reload()}>{t("reload")}</Button>}
    >
      {t("text")}
    </TopBanner>
  );
}
