"use client";

import { useTranslations } from "use-intl";
import type { GroupSummary } from "@/lib/contracts/groups";
import { FormAlert } from "../auth/form-alert";
import { useMessagingEngine } from "../chat/use-messaging";
import { Switch } from "../ui/switch";
import { useAction } from "../ui/use-action";
import { PaneSection } from "./side-pane";

/** The admins' settings: who may send messages and who may edit the group's info. */
export function GroupSettings({ groupId, group }: { groupId: string; group: GroupSummary }) {
  const t = useTranslations("groups.settings");
  const engine = useMessagingEngine();
  const { busy, error, run } = useAction();
  const set = (key: "onlyAdminsSend" | "onlyAdminsEdit", value: boolean) =>
    void run(key, () => engine.groups.update(groupId, { [key]: value }));
  return (
    <PaneSection heading={t("title")}>
      <Switch
        label={t("onlyAdminsSend")}
        description={t("onlyAdminsSendNote")}
        checked={group.onlyAdminsSend}
        disabled={busy !== null}
        onChange={(value) => set("onlyAdminsSend", value)}
      />
      <Switch
        label={t("onlyAdminsEdit")}
        description={t("onlyAdminsEditNote")}
        checked={group.onlyAdminsEdit}
        disabled={busy !== null}
        onChange={(value) => set("onlyAdminsEdit", value)}
      />
      <div className="px-8">
        <FormAlert message={error} />
      </div>
    </PaneSection>
  );
}
