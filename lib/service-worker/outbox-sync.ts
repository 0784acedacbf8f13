// Background Sync: sends the outbox the app left behind (written offline, then the tab was closed) once
// the browser is back online (up to the first message for an end-to-end encrypted chat, which waits for the app). Same items, same client ids, through POST /api/v1/messages: a message the
// app also sends (or sent) is stored once. Only the signed-in user's outbox is read, so a shared browser
// never sends one account's messages with another's session.

import { openClientStore } from "@/lib/client/outbox";
import { payloadOf } from "@/lib/client/outbox-flush";
import { refusedForGood } from "@/lib/contracts/messaging";
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from "@/lib/contracts/protocol";
import type { Me } from "@/lib/contracts/users";

/** Every call says which protocol version this worker speaks: a server past it answers `update_required`, which keeps the items. */
const PROTOCOL = { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) };

/** Thrown to have the browser retry the sync later (network or server trouble, or an app to update). */
class RetryLater extends Error {}

export async function sendOutbox(): Promise<void> {
  const meResponse = await fetch("/api/v1/users/me", { credentials: "same-origin", headers: PROTOCOL }).catch(() => null);
  if (meResponse?.status === 401) return; // signed out: the items wait for that account's next sign-in here
  if (!meResponse?.ok) throw new RetryLater("the server can't be reached");
  const me = (await meResponse.json()) as Me;
  const store = await openClientStore(me.id);
  try {
    for (const item of await store.outbox()) {
      // A file not uploaded yet goes with the app's resumable upload, a message to an encrypted chat with
      // the app's keys (this worker has none: its words never leave the device unencrypted); the ones
      // after them keep their order.
      if ((item.upload && !item.fileId) || item.sealed) return;
      const response = await fetch("/api/v1/messages", {
        method: "POST",
        credentials: "same-origin",
        headers: { ...PROTOCOL, "Content-Type": "application/json" },
        body: JSON.stringify(payloadOf(item)),
      }).catch(() => null);
      if (response?.ok) {
        await store.remove(item.id);
        continue;
      }
      const code = (await response?.json().catch(() => null))?.error?.code;
      // Refused for good: left for the app, which tells the user why when it next opens.
      if (typeof code === "string" && refusedForGood(code)) return;
      throw new RetryLater(`the server answered ${response?.status ?? "nothing"}`);
    }
  } finally {
    store.close();
  }
}
