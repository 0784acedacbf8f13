import type { ReactNode } from "react";

/** A banner across the top of the app (an alert named by its title): an icon, what happened, and what to do about it. */
export function TopBanner({
  id,
  icon,
  title,
  children,
  action,
}: {
  id: string;
  icon: ReactNode;
  title: string;
  children: ReactNode;
  action: ReactNode;
}) {
  return (
    <div
      role="alert"
      aria-labelledby={id}
      className="flex flex-wrap items-center gap-3 bg-[#d9fdd3] px-4 py-3 text-sm text-[#111b21] dark:bg-[#103529] dark:text-ink"
    >
      {icon}
      <p className="min-w-0 flex-1">
        <strong id={id}>{title}</strong>
        <span>: {children}</span>
      </p>
      {action}
    </div>
  );
}
