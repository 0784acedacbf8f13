"use client";

import { AppWindow } from "lucide-react";
import { useSyncExternalStore } from "react";
import { useTranslations } from "use-intl";
import { useMessagingEngine } from "../chat/use-messaging";
import { Button } from "../ui/button";
import { TopBanner } from "../ui/top-banner";
import { useAction } from "../ui/use-action";

/**
 * "Chatterbox is open in another tab": one tab of a session runs its end-to-end encryption (its keys must
 * not be used by two at once). This one shows encrypted messages as waiting until the user takes the
 * encryption over here, as WhatsApp Web's "Use here" does; the other tab then shows this banner.
 */
export function OtherTabBanner() {
  const t = useTranslations("shell.otherTab");
  const engine = useMessagingEngine();
  const elsewhere = useSyncExternalStore(
    (changed) => engine.onCryptoElsewhere(changed),
    () => engine.cryptoElsewhere,
    () => false,
  );
  const { busy, error, run } = useAction();
  if (!elsewhere) return null;
  return (
    <TopBanner
      id="other-tab-title"
      icon={<AppWindow aria-hidden className="size-5 shrink-0 text-brand-strong dark:text-brand" />}
      title={t("title")}
      action={
        <Button busy={busy === "use"} onClick={() => void run("use", () => engine.takeCryptoOver())}>
          {t("useHere")}
        </Button>
      }
    >
      {t("text")} {error}
    </TopBanner>
  );
}
