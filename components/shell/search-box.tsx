"use client";

import { ArrowLeft, Search, X } from "lucide-react";
import { useTranslations } from "use-intl";

export function SearchBox({ label, value, onChange }: { label: string; value: string; onChange: (value: string) => void }) {
  const t = useTranslations("shell");
  return (
    <div className="border-b border-line bg-panel px-3 py-2">
      <div className="flex h-9 items-center gap-3 rounded-lg bg-field px-3 text-ink-muted focus-within:text-brand has-[input:focus-visible]:ring-2 has-[input:focus-visible]:ring-brand">
        {value ? <ArrowLeft aria-hidden className="size-4" /> : <Search aria-hidden className="size-4" />}
        <input
          type="search"
          aria-label={label}
          placeholder={label}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={(e) => {
            // Escape clears the words first; on an empty field it closes what the field is in (a side panel).
            if (e.key !== "Escape" || !value) return;
            e.preventDefault();
            onChange("");
          }}
          className="h-full min-w-0 flex-1 bg-transparent text-sm text-ink outline-none placeholder:text-ink-muted [&::-webkit-search-cancel-button]:hidden"
        />
        {value && (
          <button
            type="button"
            aria-label={t("searchBox.clear")}
            onClick={() => onChange("")}
            className="rounded-full p-1 hover:bg-black/5 dark:hover:bg-white/10"
          >
            <X aria-hidden className="size-4" />
          </button>
        )}
      </div>
    </div>
  );
}
