"use client";

import { useCallback, useEffect, useState } from "react";
import type { BackupStatus } from "@/lib/crypto/key-backup-client";
import { useMessagingEngine } from "../chat/use-messaging";

export type BackupView = { state: "loading" } | { state: "unavailable"; message: string } | BackupStatus;

/**
 * The user's key backup as this device sees it; `refresh` asks again. `load`: "now" loads the device's
 * encryption if need be (a settings screen), "onLoad" waits for the app to load it (a banner, which
 * must not pull the library in before its time).
 */
export function useKeyBackup(load: "now" | "onLoad" = "now"): { backup: BackupView; refresh: () => void } {
  const engine = useMessagingEngine();
  const [backup, setBackup] = useState<BackupView>({ state: "loading" });
  const [asked, setAsked] = useState(0);
  useEffect(() => {
    let stale = false;
    void asked;
    (load === "now" ? engine.crypto() : engine.cryptoLoaded)
      .then((crypto) => crypto.backup.status())
      .then(
        (status) => !stale && setBackup(status),
        (e: Error) => !stale && setBackup({ state: "unavailable", message: e.message }),
      );
    return () => {
      stale = true;
    };
  }, [engine, load, asked]);
  const refresh = useCallback(() => setAsked((n) => n + 1), []);
  return { backup, refresh };
}
