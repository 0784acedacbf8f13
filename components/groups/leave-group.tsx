"use client";

import { LogOut } from "lucide-react";
import { useState } from "react";
import { useTranslations } from "use-intl";
import { FormAlert } from "../auth/form-alert";
import { useMessagingEngine } from "../chat/use-messaging";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { useAction } from "../ui/use-action";
import { PaneSection } from "./side-pane";

/** "Leave group", after a confirmation; the messages up to now stay. */
export function LeaveGroup({ groupId, name }: { groupId: string; name: string }) {
  const t = useTranslations("groups.leave");
  const engine = useMessagingEngine();
  const [asking, setAsking] = useState(false);
  const { busy, error, run } = useAction();

  async function leave() {
    if (await run("leave", () => engine.groups.leave(groupId))) setAsking(false);
  }

  return (
    <PaneSection>
      <button
        type="button"
        onClick={() => setAsking(true)}
        className="flex w-full items-center gap-4 px-8 py-2 text-start text-[15px] text-danger hover:bg-hover focus-visible:bg-hover"
      >
        <LogOut aria-hidden className="size-5" />
        {t("button")}
      </button>
      <ConfirmDialog
        open={asking}
        title={t("title", { name })}
        confirmLabel={t("confirm")}
        busy={busy === "leave"}
        onConfirm={() => void leave()}
        onCancel={() => setAsking(false)}
      >
        <p>{t("body")}</p>
        {error && (
          <div className="mt-3">
            <FormAlert message={error} />
          </div>
        )}
      </ConfirmDialog>
    </PaneSection>
  );
}
