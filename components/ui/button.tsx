import type { ButtonHTMLAttributes } from "react";
import { Spinner } from "./spinner";

export function Button({
  busy,
  children,
  className = "",
  variant = "primary",
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { busy?: boolean; variant?: "primary" | "plain" }) {
  const look =
    variant === "primary"
      ? "bg-brand-strong text-white hover:bg-brand dark:bg-brand dark:text-[#111b21] dark:hover:bg-[#06cf9c]"
      : "text-brand-strong hover:bg-black/5 dark:text-brand dark:hover:bg-white/5";
  return (
    <button
      type="button"
      className={`inline-flex h-10 items-center justify-center gap-2 whitespace-nowrap rounded-full px-6 text-sm font-medium transition-colors disabled:cursor-not-allowed disabled:opacity-60 ${look} ${className}`}
      disabled={busy || rest.disabled}
      {...rest}
    >
      {busy && <Spinner />}
      {children}
    </button>
  );
}
