"use client";

import { useEffect, useState } from "react";
import { useTranslations } from "use-intl";
import { ApiError, request } from "@/lib/api-client";
import {
  browserSubscription,
  deniedHelp,
  disablePush,
  enablePush,
  noWorkerHelp,
  type PushAvailability,
  pushAvailability,
} from "@/lib/client/push";
import type { NotificationSettings, UpdateNotificationSettings } from "@/lib/contracts/notifications";
import { SettingsPanel, SettingsSection } from "../shell/settings-panel";
import { Switch } from "../ui/switch";
import { useAction } from "../ui/use-action";
import { EmailSettings } from "./email-settings";

/** Why the device switch can't be used here, shown under it ("unsupported" is this panel's own words). */
const BLOCKED: Record<Exclude<PushAvailability, "ready" | "unsupported">, () => string> = {
  "no-service-worker": noWorkerHelp,
  denied: deniedHelp,
};

/** The settings every device shares (each labelled by its key: "previews", "previewsHelp"). */
const MESSAGE_SETTINGS = ["previews", "sounds"] as const;

/**
 * Settings › Notifications: push notifications on this device (the browser asks for permission only
 * when the switch is turned on), and what notifications show and sound like on all devices.
 */
export function NotificationsPanel({ onBack }: { onBack: () => void }) {
  const [settings, setSettings] = useState<NotificationSettings | null>(null);
  const [availability, setAvailability] = useState<PushAvailability | null>(null);
  /** Both the server and this browser hold the subscription (site data may have been cleared since). */
  const [subscribed, setSubscribed] = useState(false);
  const t = useTranslations("notifications.panel");
  const [loadError, setLoadError] = useState<Error | null>(null);
  const { busy, error, run } = useAction();

  useEffect(() => {
    Promise.all([request("GET /api/v1/users/me/notifications"), pushAvailability(), browserSubscription()]).then(
      ([loaded, available, browser]) => {
        setSettings(loaded);
        setAvailability(available);
        setSubscribed(loaded.thisDevice && browser !== null);
      },
      (e: Error) => setLoadError(e),
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
    void run("settings", async () => setSettings(await request("PATCH /api/v1/users/me/notifications", { json: changes })));

  return (
    <SettingsPanel
      title={t("title")}
      onBack={onBack}
      error={loadError ? (loadError instanceof ApiError ? loadError.message : t("loadFailed")) : error}
      loading={settings && availability ? null : t("loading")}
    >
      {settings && availability && (
        <>
          <SettingsSection title={t("thisDevice")} />
          <Switch
            label={t("device")}
            description={
              availability === "ready" ? t("deviceHelp") : availability === "unsupported" ? t("unsupported") : BLOCKED[availability]()
            }
            checked={subscribed}
            disabled={availability !== "ready" || busy !== null}
            onChange={toggleDevice}
          />
          <SettingsSection title={t("messages")} />
          {MESSAGE_SETTINGS.map((key) => (
            <Switch
              key={key}
              label={t(key)}
              description={t(`${key}Help`)}
              checked={settings[key]}
              disabled={busy !== null}
              onChange={(on) => save({ [key]: on })}
            />
          ))}
          <EmailSettings />
        </>
      )}
    </SettingsPanel>
  );
}
