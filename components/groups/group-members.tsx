"use client";

import { ShieldCheck, ShieldOff, UserMinus, UserPlus } from "lucide-react";
import { useMemo, useState } from "react";
import { useTranslations } from "use-intl";
import { membersCount, sortMembers } from "@/lib/client/group-view";
import { type GroupInfo, type GroupMember, MEMBER_PAGE } from "@/lib/contracts/groups";
import { FormAlert } from "../auth/form-alert";
import { useMessagingEngine } from "../chat/use-messaging";
import { Avatar } from "../ui/avatar";
import { IconButton } from "../ui/icon-button";
import { Spinner } from "../ui/spinner";
import { useAction } from "../ui/use-action";
import { PaneSection } from "./side-pane";

/** The members with their roles; an admin can add people, remove members and make or dismiss admins. */
export function GroupMembers({
  info,
  memberCount,
  admin,
  me,
  onAdd,
}: {
  info: GroupInfo | undefined;
  memberCount: number;
  /** I'm an admin of the group. */
  admin: boolean;
  me: string;
  onAdd: () => void;
}) {
  const t = useTranslations("groups");
  const tGroup = useTranslations("system.groupView");
  const engine = useMessagingEngine();
  const { busy, error, run } = useAction();
  const [shown, setShown] = useState(MEMBER_PAGE);
  const members = useMemo(() => (info ? sortMembers(info.members, me) : []), [info, me]);

  // One change at a time; the buttons stay focusable meanwhile (aria-disabled), so keyboard focus isn't lost.
  const act = (m: GroupMember, key: string, action: () => Promise<unknown>) => {
    if (busy === null) void run(`${key}:${m.user.id}`, action);
  };
  return (
    <PaneSection heading={membersCount(tGroup, info?.members.length ?? memberCount)}>
      {admin && (
        <button
          type="button"
          onClick={onAdd}
          className="flex w-full items-center gap-4 px-5 py-2.5 text-start text-[15px] text-ink hover:bg-hover focus-visible:bg-hover"
        >
          <span className="flex size-10 items-center justify-center rounded-full bg-brand text-white dark:text-[#111b21]">
            <UserPlus aria-hidden className="size-5" />
          </span>
          {t("addParticipant")}
        </button>
      )}
      <div className="px-5">
        <FormAlert message={error} />
      </div>
      {!info ? (
        <div className="flex justify-center py-6 text-brand">
          <Spinner label={t("members.loading")} />
        </div>
      ) : (
        <ul aria-label={t("members.list")} className="flex flex-col">
          {members.slice(0, shown).map((m) => {
            const mine = m.user.id === me;
            const name = mine ? t("you") : m.user.displayName;
            return (
              <li key={m.user.id} aria-label={name} className="flex items-center gap-3 px-5 hover:bg-hover">
                <Avatar src={m.user.avatarUrl} name={m.user.displayName} size="sm" />
                <div className="flex min-w-0 flex-1 items-center gap-2 border-b border-line py-3">
                  <div className="flex min-w-0 flex-1 flex-col">
                    <span className="truncate text-[15px] text-ink">{name}</span>
                    <span className="truncate text-sm text-ink-muted">
                      <bdi>{m.user.about || `@${m.user.username}`}</bdi>
                    </span>
                  </div>
                  {m.role === "admin" && (
                    <span className="shrink-0 rounded bg-brand/10 px-1.5 py-0.5 text-xs text-brand-strong dark:text-brand">
                      {t("members.admin")}
                    </span>
                  )}
                  {admin && !mine && (
                    <span className="flex shrink-0 items-center">
                      {m.role === "admin" ? (
                        <IconButton
                          label={t("members.dismissAdmin")}
                          aria-disabled={busy !== null}
                          onClick={() => act(m, "dismiss", () => engine.groups.setAdmin(info.id, m.user.id, false))}
                        >
                          <ShieldOff aria-hidden className="size-4" />
                        </IconButton>
                      ) : (
                        <IconButton
                          label={t("members.makeAdmin")}
                          aria-disabled={busy !== null}
                          onClick={() => act(m, "promote", () => engine.groups.setAdmin(info.id, m.user.id, true))}
                        >
                          <ShieldCheck aria-hidden className="size-4" />
                        </IconButton>
                      )}
                      <IconButton
                        label={t("members.remove")}
                        aria-disabled={busy !== null}
                        onClick={() => act(m, "remove", () => engine.groups.removeMember(info.id, m.user.id))}
                        className="hover:text-danger"
                      >
                        <UserMinus aria-hidden className="size-4" />
                      </IconButton>
                    </span>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {members.length > shown && (
        <button
          type="button"
          onClick={() => setShown((n) => n + MEMBER_PAGE)}
          className="w-full px-8 pt-3 text-start text-sm text-brand-strong hover:underline dark:text-brand"
        >
          {t("members.viewMore", { count: members.length - shown })}
        </button>
      )}
    </PaneSection>
  );
}
