"use client";

import { useState } from "react";
import type { PublicUser } from "@/lib/contracts/users";
import { useMessagingEngine } from "../chat/use-messaging";
import { GroupDetailsStep } from "./group-details-step";
import { ParticipantsStep } from "./participants-step";

/** The "New group" flow in the left pane: pick participants, then name the group and create it. */
export function NewGroupPanel({ onBack, onCreated }: { onBack: () => void; onCreated: (conversationId: string) => void }) {
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
      onCreate={async (name, description) => {
        onCreated(await engine.groups.create({ name, description, participants: selected.map((u) => u.id) }));
      }}
    />
  );
}
