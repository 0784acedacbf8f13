import { ChevronDown } from "lucide-react";
import type { SelectHTMLAttributes } from "react";

/**
 * A native select (the platform's own picker on phones, and its keyboard and screen-reader behaviour) dressed
 * like the app's fields: rounded, its own chevron at the end. `className` places and sizes the box.
 */
export function Select({ className = "", children, ...props }: SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <span className={`relative inline-flex ${className}`}>
      <select
        {...props}
        className="w-full cursor-pointer appearance-none rounded-lg bg-field py-1.5 ps-3 pe-8 text-sm text-ink outline-none transition-colors hover:bg-hover focus-visible:ring-2 focus-visible:ring-brand disabled:cursor-default disabled:opacity-70"
      >
        {children}
      </select>
      <ChevronDown aria-hidden className="pointer-events-none absolute end-2 top-1/2 size-4 -translate-y-1/2 text-ink-muted" />
    </span>
  );
}
