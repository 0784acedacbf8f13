"use client";

import { Ban, ChevronRight } from "lucide-react";
import { useEffect, useMemo, useState } from "react";
import { ApiError, request } from "@/lib/api-client";
import type { GroupAdders, PrivacySettings, StatusAudience, UpdatePrivacy, Visibility } from "@/lib/contracts/privacy";
import type { PublicUser } from "@/lib/contracts/users";
import { useMessaging } from "../chat/use-messaging";
import { SettingsPanel, SettingsSection } from "../shell/settings-panel";
import { RadioGroup } from "../ui/radio-group";
import { Switch } from "../ui/switch";
import { AudiencePanel } from "./audience-panel";
import { BlockedPanel } from "./blocked-panel";

const VISIBILITY: { value: Visibility; label: string }[] = [
  { value: "everyone", label: "Everyone" },
  { value: "contacts", label: "My contacts" },
  { value: "nobody", label: "Nobody" },
];
const GROUPS: { value: GroupAdders; label: string }[] = [
  { value: "everyone", label: "Everyone" },
  { value: "contacts", label: "My contacts" },
];
const STATUS: { value: StatusAudience; label: string }[] = [
  { value: "contacts", label: "My contacts" },
  { value: "except", label: "My contacts except…" },
  { value: "only", label: "Only share with…" },
];

/** Settings › Privacy: who sees what of me, read receipts, unknown callers and my IP address in calls, link previews, who may add me to groups, and blocked contacts. */
export function PrivacyPanel({ onBack }: { onBack: () => void }) {
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
      setError(e instanceof ApiError ? e.message : "Couldn't load your privacy settings"),
    );
  }, []);

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
      setError(e instanceof ApiError ? e.message : "Couldn't save that setting. Please try again.");
    }
  }

  if (view === "blocked") return <BlockedPanel onBack={() => setView("settings")} />;
  if (settings && (view === "except" || view === "only")) {
    const list = view === "except" ? "statusExcept" : "statusOnly";
    return (
      <AudiencePanel
        title={view === "except" ? "Hide status from…" : "Share status with…"}
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
    <SettingsPanel title="Privacy" onBack={onBack} error={error} loading={settings ? null : "Loading privacy settings"}>
      {settings && (
        <>
          <SettingsSection title="Who can see my personal info" />
          <RadioGroup
            label="Last seen and online"
            description="If you don't share your last seen and online, you won't be able to see other people's."
            options={VISIBILITY}
            value={settings.lastSeen}
            onChange={(lastSeen) => void change({ lastSeen })}
          />
          <RadioGroup label="Profile photo" options={VISIBILITY} value={settings.photo} onChange={(photo) => void change({ photo })} />
          <RadioGroup label="About" options={VISIBILITY} value={settings.about} onChange={(about) => void change({ about })} />
          <RadioGroup
            label="Status"
            description={statusSummary(settings)}
            options={STATUS}
            value={settings.status}
            onChange={(status) => (status === "contacts" ? void change({ status }) : setView(status))}
          />
          {settings.status !== "contacts" && (
            <button
              type="button"
              onClick={() => setView(settings.status === "except" ? "except" : "only")}
              className="mx-8 mb-2 text-sm text-brand-strong hover:underline dark:text-brand"
            >
              Change who
            </button>
          )}
          <div className="mt-2 border-t border-line">
            <Switch
              label="Read receipts"
              description="If turned off, you won't send or receive read receipts. Read receipts are always sent for group chats."
              checked={settings.readReceipts}
              onChange={(readReceipts) => void change({ readReceipts })}
            />
          </div>
          <div className="border-t border-line">
            <Switch
              label="Silence unknown callers"
              description="Calls from people whose chat you haven't accepted won't ring. They still show in your calls list."
              checked={settings.silenceUnknownCallers}
              onChange={(silenceUnknownCallers) => void change({ silenceUnknownCallers })}
            />
            <Switch
              label="Protect IP address in calls"
              description="Your calls go through this server's relay, so the people you call can't see your IP address. Call quality may be lower."
              checked={settings.relayCalls}
              onChange={(relayCalls) => void change({ relayCalls })}
            />
            <Switch
              label="Link previews"
              description="Show a preview of the links you send. This server fetches each page for you, so it sees those links; the people you write to fetch nothing."
              checked={settings.linkPreviews}
              onChange={(linkPreviews) => void change({ linkPreviews })}
            />
          </div>
          <div className="border-t border-line">
            <RadioGroup
              label="Groups"
              description="Who can add me to groups. Anyone else can send you the group's invite link."
              options={GROUPS}
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
            <span className="flex-1 text-[15px] text-ink">Blocked contacts</span>
            <ChevronRight aria-hidden className="size-5 text-ink-muted" />
          </button>
        </>
      )}
    </SettingsPanel>
  );
}

function statusSummary(s: PrivacySettings): string {
  if (s.status === "except") return `Your contacts except ${count(s.statusExcept.length)} see your status updates.`;
  if (s.status === "only") return `Only ${count(s.statusOnly.length)} see your status updates.`;
  return "Your contacts see your status updates.";
}

const count = (n: number) => `${n} ${n === 1 ? "person" : "people"}`;
