import { CircleDashed, Lock } from "lucide-react";
import { usePointer } from "@/components/ui/use-pointer";

/** The right pane while the Status tab is open and no chat is. */
export function StatusWelcome() {
  const pointer = usePointer();
  const tap = pointer === "touch" ? "Tap" : "Click";
  return (
    <section
      aria-label="Status updates"
      className="flex h-full flex-col items-center justify-center gap-6 border-b-[6px] border-brand bg-panel-header px-10 text-center"
    >
      <CircleDashed aria-hidden className="size-20 text-ink-muted opacity-60" strokeWidth={1.25} />
      <h2 className="text-3xl font-light text-ink">Share status updates</h2>
      <p className="max-w-md text-sm leading-6 text-ink-muted">
        Share photos, videos and text that disappear after 24 hours. {tap} on a contact to see their status updates.
      </p>
      <p className="flex items-center gap-1 text-xs text-ink-muted">
        <Lock aria-hidden className="size-3" /> Only the people your privacy settings allow see your status.
      </p>
    </section>
  );
}
