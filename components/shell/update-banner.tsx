"use client";

import { RefreshCw } from "lucide-react";
import { useSyncExternalStore } from "react";
import { isUpdateRequired, onUpdateRequired } from "@/lib/client/update-required";
import { Button } from "../ui/button";
import { TopBanner } from "../ui/top-banner";

/**
 * "Update available": the server no longer accepts this version of the app (docs/api.md#protocol-versions).
 * The app has stopped talking to it; what the user sent waits in the outbox and goes out after the reload.
 */
export function UpdateBanner() {
  const required = useSyncExternalStore(onUpdateRequired, isUpdateRequired, () => false);
  if (!required) return null;
  return (
    <TopBanner
      id="update-banner-title"
      icon={<RefreshCw aria-hidden className="size-5 shrink-0 text-brand-strong dark:text-brand" />}
      title="Update available"
      action={<Button onClick={() => window.location.reload()}>Reload</Button>}
    >
      this version of Chatterbox is out of date. Reload to update it; messages you send meanwhile wait on this device.
    </TopBanner>
  );
}
