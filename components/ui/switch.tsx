"use client";

import { useId } from "react";

/** An on/off setting: a switch named exactly by `label`, with an optional description; the whole row toggles it. */
export function Switch({
  label,
  description,
  checked,
  disabled = false,
  onChange,
}: {
  label: string;
  description?: string;
  checked: boolean;
  disabled?: boolean;
  onChange: (checked: boolean) => void;
}) {
  const id = useId();
  return (
    <label className={`flex items-center gap-4 px-8 py-3 ${disabled ? "cursor-not-allowed opacity-60" : "cursor-pointer hover:bg-hover"}`}>
      <span className="flex min-w-0 flex-1 flex-col">
        <span id={`${id}-label`} className="text-[15px] text-ink">
          {label}
        </span>
        {description && (
          <span id={`${id}-description`} className="text-sm text-ink-muted">
            {description}
          </span>
        )}
      </span>
      <button
        type="button"
        role="switch"
        aria-checked={checked}
        aria-labelledby={`${id}-label`}
        aria-describedby={description ? `${id}-description` : undefined}
        disabled={disabled}
        onClick={() => onChange(!checked)}
        className={`relative h-5 w-9 shrink-0 rounded-full transition-colors ${checked ? "bg-brand" : "bg-[#c5cbcf] dark:bg-[#3b4a54]"}`}
      >
        <span
          aria-hidden
          className={`absolute top-0.5 start-0.5 size-4 rounded-full bg-white shadow transition-transform ${checked ? "translate-x-4 rtl:-translate-x-4" : ""}`}
        />
      </button>
    </label>
  );
}
