"use client";

import { createContext, type ReactNode, useEffect, useState } from "react";
import { api } from "@/lib/api-client";
import { browserActivity } from "@/lib/client/activity";
import { forgetDevice, loadCrypto, searchIndexStore, sessionCipher } from "@/lib/client/e2ee/crypto-runtime";
import { MessagingEngine } from "@/lib/client/messaging-engine";
import { openClientStore } from "@/lib/client/outbox";
import { requestBackgroundSync } from "@/lib/client/pwa";
import { socketTransport } from "@/lib/client/transport";
import { tusUpload } from "@/lib/client/tus-upload";
import type { PublicUser } from "@/lib/contracts/users";
import { useSocket } from "../realtime/socket-provider";

export const MessagingContext = createContext<MessagingEngine | null>(null);

/** After the first paint, the browser is given this long before the crypto library (7.8 MB of wasm) is loaded. */
const CRYPTO_AFTER_PAINT_MS = 1_000;
/** A device that couldn't be opened (another tab of this session runs it, or no network) is tried again this often. */
const CRYPTO_RETRY_MS = 15_000;

/**
 * One messaging engine per tab for the signed-in user, running over the tab's socket. The end-to-end
 * encryption device loads after the first paint (sooner if a message needs it).
 */
export function MessagingProvider({ me, e2eeByDefault, children }: { me: PublicUser; e2eeByDefault: boolean; children: ReactNode }) {
  const { socket } = useSocket();
  const [engine] = useState(
    () =>
      new MessagingEngine({
        me: me.id,
        username: me.username,
        openStore: () => openClientStore(me.id, sessionCipher),
        fetchJson: api,
        activity: browserActivity(),
        upload: tusUpload,
        backgroundSync: requestBackgroundSync,
        loadCrypto,
        forgetCrypto: forgetDevice,
        searchStorage: searchIndexStore,
        e2eeByDefault,
      }),
  );
  useEffect(() => (socket ? engine.start(socketTransport(socket)) : undefined), [engine, socket]);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const attempt = () => void engine.crypto().catch(() => (timer = setTimeout(attempt, CRYPTO_RETRY_MS)));
    timer = setTimeout(attempt, CRYPTO_AFTER_PAINT_MS);
    // Another tab took the device over: try again now and then (it may be closed by then).
    const stop = engine.onCryptoElsewhere((elsewhere) => {
      clearTimeout(timer);
      if (elsewhere) timer = setTimeout(attempt, CRYPTO_RETRY_MS);
    });
    return () => {
      clearTimeout(timer);
      stop();
    };
  }, [engine]);
  return <MessagingContext value={engine}>{children}</MessagingContext>;
}
