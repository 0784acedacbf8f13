"use client";

import { useId } from "react";

/** A labelled group of choices (one radio each), for settings; named exactly by `label`. */
export function RadioGroup<T extends string>({
  label,
  description,
  options,
  value,
  disabled = false,
  onChange,
}: {
  label: string;
  description?: string;
  options: { value: T; label: string }[];
  value: T;
  disabled?: boolean;
  onChange: (value: T) => void;
}) {
  const id = useId();
  return (
    <div
      role="radiogroup"
      aria-labelledby={`${id}-label`}
      aria-describedby={description ? `${id}-description` : undefined}
      className="px-8 py-3"
    >
      <p id={`${id}-label`} className="text-[15px] text-ink">
        {label}
      </p>
      {description && (
        <p id={`${id}-description`} className="text-sm text-ink-muted">
          {description}
        </p>
      )}
      <div className="mt-2 flex flex-col">
        {options.map((option) => (
          <label
            key={option.value}
            className={`-mx-3 flex items-center gap-4 rounded-md px-3 py-2 text-[15px] text-ink ${disabled ? "cursor-not-allowed opacity-60" : "cursor-pointer hover:bg-hover"}`}
          >
            <input
              type="radio"
              name={id}
              value={option.value}
              checked={value === option.value}
              disabled={disabled}
              onChange={() => onChange(option.value)}
              className="size-[18px] accent-brand-strong dark:accent-brand"
            />
            {option.label}
          </label>
        ))}
      </div>
    </div>
  );
}
