import type { ComponentType, ReactNode } from "react";
import { PanelSpinner } from "../ui/spinner";
import { PanelHeader } from "./panel-header";

/**
 * A settings screen in the side panel (Privacy, Notifications, Security): the header with Back, the last error
 * above the settings, and a spinner named `loading` until they are loaded (none once loading failed).
 */
export function SettingsPanel({
  title,
  onBack,
  error,
  loading,
  children,
}: {
  title: string;
  onBack: () => void;
  error: string | null;
  /** The spinner's accessible name while the settings load; null once they are here. */
  loading: string | null;
  children: ReactNode;
}) {
  return (
    <div className="flex h-full flex-col animate-slide-in">
      <PanelHeader title={title} onBack={onBack} />
      <div className="min-h-0 flex-1 overflow-y-auto bg-panel pb-6">
        {error && (
          <p role="alert" className="mx-8 mt-4 rounded-md bg-[#ffe4e8] px-4 py-2 text-sm text-[#111b21]">
            {error}
          </p>
        )}
        {loading && !error && <PanelSpinner label={loading} />}
        {children}
      </div>
    </div>
  );
}

/** A group of settings' heading. */
export function SettingsSection({ title }: { title: string }) {
  return <h3 className="px-8 pt-5 pb-1 text-sm text-brand-strong dark:text-brand">{title}</h3>;
}

/** The note at the top of a settings screen: what it is for, beside its icon. */
export function SettingsIntro({
  icon: Icon,
  children,
}: {
  icon: ComponentType<{ className?: string; "aria-hidden"?: boolean }>;
  children: ReactNode;
}) {
  return (
    <div className="flex items-start gap-4 px-8 pt-6 pb-2 text-sm text-ink-muted">
      <Icon aria-hidden className="mt-0.5 size-5 shrink-0 text-brand-strong dark:text-brand" />
      <p>{children}</p>
    </div>
  );
}
