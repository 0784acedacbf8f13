"use client";

import { MonitorSmartphone } from "lucide-react";
import { useEffect, useState } from "react";
import { useTranslations } from "use-intl";
import { useMessagingEngine } from "../chat/use-messaging";
import { Button } from "../ui/button";
import { useAction } from "../ui/use-action";

/** Groups a device id in fives, to read and compare (as the new device's Chat backup screen shows it). */
export const spacedDeviceId = (deviceId: string) => deviceId.replace(/(.{5})(?=.)/g, "$1 ");

/**
 * Above the chat list, when another device of the user's asks for the chat history (a new sign-in): share
 * it, or not. Nothing is shared without this: the server could add a device to an account, the user
 * knows whether they just signed in.
 */
export function HistoryRequestBanner() {
  const t = useTranslations("security.historyRequest");
  const engine = useMessagingEngine();
  const [asking, setAsking] = useState<string[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const { busy, error, run } = useAction();
  useEffect(() => {
    let stop = () => {};
    let stale = false;
    void engine.cryptoLoaded.then((crypto) => {
      if (stale) return;
      stop = crypto.history.onRequest((deviceId) => setAsking((ids) => (ids.includes(deviceId) ? ids : [...ids, deviceId])));
    });
    return () => {
      stale = true;
      stop();
    };
  }, [engine]);

  const deviceId = asking[0];
  const answered = () => {
    void engine.cryptoLoaded.then((crypto) => crypto.history.answered(deviceId));
    setAsking((ids) => ids.slice(1));
  };
  if (!deviceId)
    return done ? (
      <p role="status" className="bg-brand/10 px-4 py-3 text-sm text-ink">
        {done}
      </p>
    ) : null;
  return (
    <section aria-label={t("label")} className="flex flex-col gap-2 bg-brand/10 px-4 py-3 text-sm text-ink">
      <div className="flex items-start gap-3">
        <MonitorSmartphone aria-hidden className="mt-0.5 size-5 shrink-0 text-brand-strong dark:text-brand" />
        <p>
          {t.rich("body", {
            deviceId: spacedDeviceId(deviceId),
            mono: (chunks) => <span className="font-mono">{chunks}</span>,
          })}
        </p>
      </div>
      {error && <p className="text-danger">{error}</p>}
      <div className="flex justify-end gap-1">
        <Button variant="plain" className="h-8 px-3" onClick={answered}>
          {t("notMe")}
        </Button>
        <Button
          className="h-8 px-4"
          busy={busy === "share"}
          onClick={() =>
            void run("share", async () => {
              const keys = await (await engine.crypto()).history.share(deviceId);
              setDone(t("sent", { count: keys }));
              answered();
            })
          }
        >
          {t("share")}
        </Button>
      </div>
    </section>
  );
}
