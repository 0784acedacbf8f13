"use client";

import { RefreshCw } from "lucide-react";
import { useSyncExternalStore } from "react";
import { isUpdateRequired, onUpdateRequired } from "@/lib/client/update-required";
import { Button } from "../ui/button";

/**
 * "Update available": the server no longer accepts this version of the app (docs/api.md#protocol-versions).
 * The app has stopped talking to it; what the user sent waits in the outbox and goes out after the reload.
 */
export function UpdateBanner() {
  const required = useSyncExternalStore(onUpdateRequired, isUpdateRequired, () => false);
  if (!required) return null;
  return (
    <div
      role="alert"
      aria-labelledby="update-banner-title"
      className="flex flex-wrap items-center gap-3 bg-[#d9fdd3] px-4 py-3 text-sm text-[#111b21] dark:bg-[#103529] dark:text-ink"
    >
      <RefreshCw aria-hidden className="size-5 shrink-0 text-brand-strong dark:text-brand" />
      <p className="min-w-0 flex-1">
        <strong id="update-banner-title">Update available</strong>
        <span>: this version of Chatterbox is out of date. Reload to update it; messages you send meanwhile wait on this device.</span>
      </p>
      <Button onClick={() => window.location.reload()}>Reload</Button>
    </div>
  );
}
