"use client";

import { Ban, ChevronRight } from "lucide-react";
import { useEffect, useMemo, useState } from "react";
import { useTranslations } from "use-intl";
import { ApiError, request } from "@/lib/api-client";
import type { GroupAdders, PrivacySettings, StatusAudience, UpdatePrivacy, Visibility } from "@/lib/contracts/privacy";
import type { PublicUser } from "@/lib/contracts/users";
import { useMessaging } from "../chat/use-messaging";
import { SettingsPanel, SettingsSection } from "../shell/settings-panel";
import { RadioGroup } from "../ui/radio-group";
import { Switch } from "../ui/switch";
import { AudiencePanel } from "./audience-panel";
import { BlockedPanel } from "./blocked-panel";

const VISIBILITY: Visibility[] = ["everyone", "contacts", "nobody"];
const GROUPS: GroupAdders[] = ["everyone", "contacts"];
const STATUS: StatusAudience[] = ["contacts", "except", "only"];

/** Settings › Privacy: who sees what of me, read receipts, unknown callers and my IP address in calls, link previews, who may add me to groups, and blocked contacts. */
export function PrivacyPanel({ onBack }: { onBack: () => void }) {
  const t = useTranslations("privacy");
  const [settings, setSettings] = useState<PrivacySettings | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [view, setView] = useState<"settings" | "blocked" | "except" | "only">("settings");
  const conversations = useMessaging((s) => s.conversations);
  // My contacts: the people of my one-to-one chats (not requests I haven't accepted).
  const contacts = useMemo(
    () =>
      Object.values(conversations)
        .flatMap((c) => (c.peer && !c.request ? [c.peer] : []))
        .sort((a: PublicUser, b: PublicUser) => a.displayName.localeCompare(b.displayName)),
    [conversations],
  );

  useEffect(() => {
    request("GET /api/v1/users/me/privacy").then(setSettings, (e: Error) =>
      setError(e instanceof ApiError ? e.message : t("panel.loadError")),
    );
  }, [t]);

  function statusSummary(s: PrivacySettings): string {
    if (s.status === "except") return t("panel.statusExcept", { count: s.statusExcept.length });
    if (s.status === "only") return t("panel.statusOnly", { count: s.statusOnly.length });
    return t("panel.statusContacts");
  }

  /** Shows the change at once and saves it; the server's answer is what stays (or the old settings, with the error). */
  async function change(changes: UpdatePrivacy) {
    if (!settings) return;
    const before = settings;
    setSettings({ ...settings, ...changes });
    setError(null);
    try {
      setSettings(await request("PATCH /api/v1/users/me/privacy", { json: changes }));
    } catch (e) {
      setSettings(before);
      setError(e instanceof ApiError ? e.message : t("panel.saveError"));
    }
  }

  const label = (value: Visibility | GroupAdders | StatusAudience) => t(`options.${value}`);
  const options = <T extends Visibility | GroupAdders | StatusAudience>(values: T[]) =>
    values.map((value) => ({ value, label: label(value) }));

  if (view === "blocked") return <BlockedPanel onBack={() => setView("settings")} />;
  if (settings && (view === "except" || view === "only")) {
    const list = view === "except" ? "statusExcept" : "statusOnly";
    return (
      <AudiencePanel
        title={view === "except" ? t("panel.hideStatusFrom") : t("panel.shareStatusWith")}
        contacts={contacts}
        selected={settings[list]}
        onBack={() => setView("settings")}
        onDone={(ids) => {
          setView("settings");
          void change({ status: view, [list]: ids });
        }}
      />
    );
  }

  return (
    <SettingsPanel title={t("panel.title")} onBack={onBack} error={error} loading={settings ? null : t("panel.loading")}>
      {settings && (
        <>
          <SettingsSection title={t("panel.personalInfo")} />
          <RadioGroup
            label={t("panel.lastSeen")}
            description={t("panel.lastSeenHint")}
            options={options(VISIBILITY)}
            value={settings.lastSeen}
            onChange={(lastSeen) => void change({ lastSeen })}
          />
          <RadioGroup
            label={t("panel.photo")}
            options={options(VISIBILITY)}
            value={settings.photo}
            onChange={(photo) => void change({ photo })}
          />
          <RadioGroup
            label={t("panel.about")}
            options={options(VISIBILITY)}
            value={settings.about}
            onChange={(about) => void change({ about })}
          />
          <RadioGroup
            label={t("panel.status")}
            description={statusSummary(settings)}
            options={options(STATUS)}
            value={settings.status}
            onChange={(status) => (status === "contacts" ? void change({ status }) : setView(status))}
          />
          {settings.status !== "contacts" && (
            <button
              type="button"
              onClick={() => setView(settings.status === "except" ? "except" : "only")}
              className="mx-8 mb-2 text-sm text-brand-strong hover:underline dark:text-brand"
            >
              {t("panel.changeWho")}
            </button>
          )}
          <div className="mt-2 border-t border-line">
            <Switch
              label={t("panel.readReceipts")}
              description={t("panel.readReceiptsHint")}
              checked={settings.readReceipts}
              onChange={(readReceipts) => void change({ readReceipts })}
            />
          </div>
          <div className="border-t border-line">
            <Switch
              label={t("panel.silenceUnknownCallers")}
              description={t("panel.silenceUnknownCallersHint")}
              checked={settings.silenceUnknownCallers}
              onChange={(silenceUnknownCallers) => void change({ silenceUnknownCallers })}
            />
            <Switch
              label={t("panel.relayCalls")}
              description={t("panel.relayCallsHint")}
              checked={settings.relayCalls}
              onChange={(relayCalls) => void change({ relayCalls })}
            />
            <Switch
              label={t("panel.linkPreviews")}
              description={t("panel.linkPreviewsHint")}
              checked={settings.linkPreviews}
              onChange={(linkPreviews) => void change({ linkPreviews })}
            />
          </div>
          <div className="border-t border-line">
            <RadioGroup
              label={t("panel.groups")}
              description={t("panel.groupsHint")}
              options={options(GROUPS)}
              value={settings.groups}
              onChange={(groups) => void change({ groups })}
            />
          </div>
          <button
            type="button"
            onClick={() => setView("blocked")}
            className="flex w-full items-center gap-5 border-t border-line px-8 py-4 text-start hover:bg-hover"
          >
            <Ban aria-hidden className="size-5 text-ink-muted" />
            <span className="flex-1 text-[15px] text-ink">{t("blockedContacts")}</span>
            <ChevronRight aria-hidden className="size-5 text-ink-muted" />
          </button>
        </>
      )}
    </SettingsPanel>
  );
}
