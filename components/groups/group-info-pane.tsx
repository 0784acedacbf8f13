"use client";

import { useEffect, useState } from "react";
import { useTranslations } from "use-intl";
import { useTimeFormat } from "@/components/i18n/use-time-format";
import { canEditInfo, chatAvatarUrl, membersCount } from "@/lib/client/group-view";
import { GROUP_DESCRIPTION_MAX, GROUP_NAME_MAX } from "@/lib/contracts/groups";
import type { ConversationSummary } from "@/lib/contracts/messaging";
import { FormAlert } from "../auth/form-alert";
import { DisappearingSetting } from "../chat/actions/disappearing-setting";
import { useMessaging, useMessagingEngine } from "../chat/use-messaging";
import { SafetyActions } from "../privacy/safety-actions";
import { Avatar } from "../ui/avatar";
import { AvatarEditor } from "../ui/avatar-editor";
import { useAction } from "../ui/use-action";
import { AddParticipant } from "./add-participant";
import { EditableText } from "./editable-text";
import { GroupMembers } from "./group-members";
import { GroupSettings } from "./group-settings";
import { InviteLink } from "./invite-link";
import { LeaveGroup } from "./leave-group";
import { PaneSection, SidePane } from "./side-pane";

/**
 * The open group's info: name, description, members with their roles, and for admins the settings, the
 * invite link and the member actions. The settings come from the live summary; members and the link from
 * the group's info, which the engine reloads whenever conversation:updated says the group changed.
 */
export function GroupInfoPane({ conversation, me, onClose }: { conversation: ConversationSummary; me: string; onClose: () => void }) {
  const t = useTranslations("groups");
  const tGroup = useTranslations("system.groupView");
  const time = useTimeFormat();
  const engine = useMessagingEngine();
  const info = useMessaging((s) => s.groups[conversation.id]);
  const [adding, setAdding] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const icon = useAction();
  const { id } = conversation;

  useEffect(() => {
    engine.groups.load(id).then(
      () => setLoadError(null),
      (e: Error) => setLoadError(e.message),
    );
  }, [engine, id]);

  const group = conversation.group;
  if (!group) return null;
  const admin = group.myRole === "admin";
  if (adding && info && admin) return <AddParticipant info={info} onDone={() => setAdding(false)} />;
  const editable = canEditInfo(group);

  return (
    <SidePane label={t("info.label", { name: group.name })} title={t("info.title")} closeLabel={t("info.close")} onClose={onClose}>
      <div className="flex flex-col items-center gap-2 bg-panel px-8 pt-7 pb-5 text-center">
        {editable ? (
          <AvatarEditor
            src={chatAvatarUrl(conversation)}
            name={group.name}
            group
            kind="groupIcon"
            labels={{ change: t("icon.change"), remove: t("icon.remove"), file: t("icon.file"), busy: t("icon.busy") }}
            busy={icon.busy !== null}
            onPick={(file) => void icon.run("set", () => engine.groups.setAvatar(id, file))}
            onRemove={() => void icon.run("remove", () => engine.groups.removeAvatar(id))}
            onError={icon.fail}
          />
        ) : (
          <Avatar src={chatAvatarUrl(conversation)} name={group.name} size="lg" group />
        )}
        <FormAlert message={icon.error} />
        <div className="mt-3 w-full">
          <EditableText
            label={t("groupName")}
            editLabel={t("info.editName")}
            value={group.name}
            maxLength={GROUP_NAME_MAX}
            centered
            canEdit={editable}
            onSave={(name) => engine.groups.update(id, { name })}
            display={
              <h3 data-testid="group-name" className="text-2xl break-words text-ink">
                {group.name}
              </h3>
            }
          />
        </div>
        <p className="text-ink-muted">{t("groupLine", { members: membersCount(tGroup, group.memberCount) })}</p>
      </div>
      {group.myRole === null && (
        <p role="status" className="mt-2.5 bg-panel px-8 py-4 text-sm text-ink-muted">
          {t("info.notMember")}
        </p>
      )}
      {loadError && !info && (
        <p role="alert" className="mt-2.5 bg-panel px-8 py-4 text-sm text-danger">
          {t("info.loadFailed", { error: loadError })}
        </p>
      )}
      <PaneSection>
        <div className="px-8">
          <EditableText
            label={t("info.description")}
            editLabel={t("info.editDescription")}
            value={group.description}
            maxLength={GROUP_DESCRIPTION_MAX}
            multiline
            canEdit={editable}
            onSave={(description) => engine.groups.update(id, { description })}
            display={
              <p
                data-testid="group-description"
                className={`break-words whitespace-pre-wrap ${group.description ? "text-ink" : "text-ink-muted"}`}
              >
                {group.description || (editable ? t("info.addDescription") : t("info.noDescription"))}
              </p>
            }
          />
          {info && <p className="mt-3 text-xs text-ink-muted">{t("info.created", { date: time.date(new Date(info.createdAt)) })}</p>}
        </div>
      </PaneSection>
      {group.myRole !== null && <DisappearingSetting conversation={conversation} canChange={admin} />}
      {admin && <GroupSettings groupId={id} group={group} />}
      {admin && info && <InviteLink groupId={id} code={info.inviteCode} />}
      {/* Once I'm out, the members show only from info fetched since (it says so), never from what was held before. */}
      {(group.myRole !== null || info?.myRole === null) && (
        <GroupMembers info={info} memberCount={group.memberCount} admin={admin} me={me} onAdd={() => setAdding(true)} />
      )}
      {group.myRole !== null && <LeaveGroup groupId={id} name={group.name} />}
      <SafetyActions conversation={conversation} />
    </SidePane>
  );
}
