import type { ButtonHTMLAttributes, ReactNode, Ref } from "react";

/** A round toolbar button; `label` is its accessible name and tooltip. */
export function IconButton({
  label,
  children,
  className = "",
  ref,
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { label: string; children: ReactNode; ref?: Ref<HTMLButtonElement> }) {
  return (
    <button
      ref={ref}
      type="button"
      aria-label={label}
      title={label}
      className={`flex size-10 items-center justify-center rounded-full text-ink-muted transition-colors hover:bg-black/5 dark:hover:bg-white/10 disabled:opacity-50 aria-disabled:opacity-50 ${className}`}
      {...rest}
    >
      {children}
    </button>
  );
}
