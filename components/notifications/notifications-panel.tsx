"use client";

import { useEffect, useState } from "react";
import { ApiError, request } from "@/lib/api-client";
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
import { SettingsPanel, SettingsSection } from "../shell/settings-panel";
import { Switch } from "../ui/switch";
import { useAction } from "../ui/use-action";
import { EmailSettings } from "./email-settings";

/** Why the device switch can't be used here, shown under it. */
const BLOCKED: Record<Exclude<PushAvailability, "ready">, string> = {
  unsupported: "This browser can't receive push notifications. On iPhone and iPad, add Chatterbox to the Home Screen first.",
  "no-service-worker": NO_WORKER_HELP,
  denied: DENIED_HELP,
};

/** The settings every device shares. */
const MESSAGE_SETTINGS = [
  {
    key: "previews",
    label: "Show message previews",
    description: "Show the text of new messages in notifications. Off: only who sent them.",
  },
  { key: "sounds", label: "Sounds", description: "Play a sound for new notifications." },
] as const;

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
    Promise.all([request("GET /api/v1/users/me/notifications"), pushAvailability(), browserSubscription()]).then(
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
    void run("settings", async () => setSettings(await request("PATCH /api/v1/users/me/notifications", { json: changes })));

  return (
    <SettingsPanel
      title="Notifications"
      onBack={onBack}
      error={loadError ?? error}
      loading={settings && availability ? null : "Loading notification settings"}
    >
      {settings && availability && (
        <>
          <SettingsSection title="This device" />
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
          <SettingsSection title="Messages" />
          {MESSAGE_SETTINGS.map(({ key, label, description }) => (
            <Switch
              key={key}
              label={label}
              description={description}
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
