"use client";

import { useEffect, useState } from "react";
import { ApiError, api } from "@/lib/api-client";
import {
  browserSubscription,
  DENIED_HELP,
  disablePush,
  enablePush,
  NO_WORKER_HELP,
  type PushAvailability,
  pushAvailability,
} from "@/lib/client/push";
import type { NotificationSettings, UpdateNotificationSettings } from "@/lib/contracts/notifications";
import { PanelHeader } from "../shell/panel-header";
import { Spinner } from "../ui/spinner";
import { Switch } from "../ui/switch";
import { useAction } from "../ui/use-action";

/** Why the device switch can't be used here, shown under it. */
const BLOCKED: Record<Exclude<PushAvailability, "ready">, string> = {
  unsupported: "This browser can't receive push notifications. On iPhone and iPad, add Chatterbox to the Home Screen first.",
  "no-service-worker": NO_WORKER_HELP,
  denied: DENIED_HELP,
};

/**
 * Settings › Notifications: push notifications on this device (the browser asks for permission only
 * when the switch is turned on), and what notifications show and sound like on all devices.
 */
export function NotificationsPanel({ onBack }: { onBack: () => void }) {
  const [settings, setSettings] = useState<NotificationSettings | null>(null);
  const [availability, setAvailability] = useState<PushAvailability | null>(null);
  /** Both the server and this browser hold the subscription (site data may have been cleared since). */
  const [subscribed, setSubscribed] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const { busy, error, run } = useAction();

  useEffect(() => {
    Promise.all([api<NotificationSettings>("/api/v1/users/me/notifications"), pushAvailability(), browserSubscription()]).then(
      ([loaded, available, browser]) => {
        setSettings(loaded);
        setAvailability(available);
        setSubscribed(loaded.thisDevice && browser !== null);
      },
      (e: Error) => setLoadError(e instanceof ApiError ? e.message : "Couldn't load your notification settings"),
    );
  }, []);

  function toggleDevice(on: boolean) {
    void run("device", async () => {
      try {
        await (on ? enablePush() : disablePush());
        setSubscribed(on);
      } finally {
        // Permission may have changed either way (a refused prompt turns the switch unusable).
        setAvailability(await pushAvailability());
      }
    });
  }

  const save = (changes: UpdateNotificationSettings) =>
    void run("settings", async () =>
      setSettings(await api<NotificationSettings>("/api/v1/users/me/notifications", { method: "PATCH", json: changes })),
    );

  const section = (title: string) => <h3 className="px-8 pt-5 pb-1 text-sm text-brand-strong dark:text-brand">{title}</h3>;
  const problem = loadError ?? error;
  return (
    <div className="flex h-full flex-col animate-slide-in">
      <PanelHeader title="Notifications" onBack={onBack} />
      <div className="min-h-0 flex-1 overflow-y-auto bg-panel pb-6">
        {problem && (
          <p role="alert" className="mx-8 mt-4 rounded-md bg-[#ffe4e8] px-4 py-2 text-sm text-[#111b21]">
            {problem}
          </p>
        )}
        {!settings || !availability ? (
          !loadError && (
            <div className="flex justify-center py-8 text-brand">
              <Spinner label="Loading notification settings" />
            </div>
          )
        ) : (
          <>
            {section("This device")}
            <Switch
              label="Notifications on this device"
              description={
                availability === "ready"
                  ? "New messages notify you here while Chatterbox isn't open. Each of your devices has its own switch."
                  : BLOCKED[availability]
              }
              checked={subscribed}
              disabled={availability !== "ready" || busy !== null}
              onChange={toggleDevice}
            />
            {section("Messages")}
            <Switch
              label="Show message previews"
              description="Show the text of new messages in notifications. Off: only who sent them."
              checked={settings.previews}
              disabled={busy !== null}
              onChange={(previews) => save({ previews })}
            />
            <Switch
              label="Sounds"
              description="Play a sound for new notifications."
              checked={settings.sounds}
              disabled={busy !== null}
              onChange={(sounds) => save({ sounds })}
            />
          </>
        )}
      </div>
    </div>
  );
}
