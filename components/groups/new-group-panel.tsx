"use client";

import { useState } from "react";
import { useTranslations } from "use-intl";
import type { PublicUser } from "@/lib/contracts/users";
import { useMessagingEngine } from "../chat/use-messaging";
import { GroupDetailsStep } from "./group-details-step";
import { ParticipantsStep } from "./participants-step";

/**
 * The "New group" flow in the left pane: pick participants, then name the group and create it. `problem`
 * says why the chosen icon couldn't be set (the group exists by then, so it opens anyway).
 */
export function NewGroupPanel({
  onBack,
  onCreated,
}: {
  onBack: () => void;
  onCreated: (conversationId: string, problem: string | null) => void;
}) {
  const t = useTranslations("groups.newGroup");
  const engine = useMessagingEngine();
  const [step, setStep] = useState<"participants" | "details">("participants");
  const [selected, setSelected] = useState<PublicUser[]>([]);

  if (step === "participants") {
    return <ParticipantsStep selected={selected} onChange={setSelected} onBack={onBack} onNext={() => setStep("details")} />;
  }
  return (
    <GroupDetailsStep
      participants={selected}
      onBack={() => setStep("participants")}
      onCreate={async (name, description, icon) => {
        const id = await engine.groups.create({ name, description, participants: selected.map((u) => u.id) });
        const problem = icon
          ? await engine.groups.setAvatar(id, icon).then(
              () => null,
              (e: Error) => t("iconFailed", { error: e.message }),
            )
          : null;
        onCreated(id, problem);
      }}
    />
  );
}
