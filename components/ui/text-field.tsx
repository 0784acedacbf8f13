import { type InputHTMLAttributes, useId } from "react";

/** A labelled input with its error shown beneath and announced to screen readers. */
export function TextField({
  label,
  error,
  hint,
  ...rest
}: InputHTMLAttributes<HTMLInputElement> & { label: string; error?: string; hint?: string }) {
  const id = useId();
  const note = error ?? hint;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-brand-strong dark:text-brand">
        {label}
      </label>
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={note ? `${id}-note` : undefined}
        className="h-10 rounded-lg border border-line bg-panel px-3 text-[15px] text-ink outline-none transition-colors focus:border-brand aria-invalid:border-danger"
        {...rest}
      />
      {note && (
        <p id={`${id}-note`} className={`text-xs ${error ? "text-danger" : "text-ink-muted"}`}>
          {note}
        </p>
      )}
    </div>
  );
}
