"use client";

import { useEffect, useState } from "react";
import type { SafetyCheck } from "@/lib/client/e2ee/verification";
import { useMessagingEngine, useVerification } from "../chat/use-messaging";

export type SafetyNumberState =
  | { status: "loading" }
  /** `check` is null while either person has no device with keys. */
  | { status: "ready"; check: SafetyCheck | null }
  | { status: "error"; message: string };

/** The safety number with `peer`, computed again whenever either person's devices or my verification change. */
export function useSafetyNumber(peer: string): SafetyNumberState {
  const engine = useMessagingEngine();
  const contacts = useVerification();
  const [state, setState] = useState<SafetyNumberState>({ status: "loading" });
  const mine = contacts[engine.me]?.keys;
  const theirs = contacts[peer]?.keys;
  const verified = contacts[peer]?.verified;
  // biome-ignore lint/correctness/useExhaustiveDependencies: recomputed when the devices or the verification it depends on change.
  useEffect(() => {
    let live = true;
    engine
      .crypto()
      .then(() => engine.verification.safetyNumber(peer))
      .then(
        (check) => live && setState({ status: "ready", check }),
        (e: Error) => live && setState({ status: "error", message: e.message }),
      );
    return () => {
      live = false;
    };
  }, [engine, peer, mine, theirs, verified]);
  return state;
}
