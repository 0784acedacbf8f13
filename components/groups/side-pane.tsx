import { ArrowLeft, X } from "lucide-react";
import type { ReactNode } from "react";

/** A right-pane panel (Group info, Message info): a header with a close button, and scrolling content. */
export function SidePane({
  label,
  title,
  closeLabel,
  back = false,
  onClose,
  children,
}: {
  /** The region's accessible name. */
  label: string;
  title: string;
  closeLabel: string;
  /** A back arrow instead of the close button (a panel opened from another one). */
  back?: boolean;
  onClose: () => void;
  children: ReactNode;
}) {
  return (
    <section aria-label={label} className="flex h-full min-h-0 flex-col bg-app">
      <header className="flex h-[59px] shrink-0 items-center gap-4 border-s border-line bg-panel-header px-4">
        <button
          type="button"
          aria-label={closeLabel}
          title={closeLabel}
          onClick={onClose}
          className="rounded-full p-1 text-ink-muted hover:bg-black/5 dark:hover:bg-white/10"
        >
          {back ? <ArrowLeft aria-hidden className="size-6" /> : <X aria-hidden className="size-6" />}
        </button>
        <h2 className="truncate text-base text-ink">{title}</h2>
      </header>
      <div className="min-h-0 flex-1 overflow-y-auto pb-6">{children}</div>
    </section>
  );
}

/** A white block of a side pane, with an optional small heading. */
export function PaneSection({ heading, children, className = "" }: { heading?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <div className={`mt-2.5 bg-panel py-4 shadow-[0_1px_3px_rgba(11,20,26,0.08)] ${className}`}>
      {heading && <h3 className="px-8 pb-2 text-sm text-ink-muted">{heading}</h3>}
      {children}
    </div>
  );
}
