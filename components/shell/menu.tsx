"use client";

import { EllipsisVertical } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { IconButton } from "../ui/icon-button";

export interface MenuItem {
  label: string;
  onSelect: () => void;
  danger?: boolean;
}

/** A keyboard-usable dropdown menu (Arrow keys move, Escape closes, focus returns to the button). */
export function Menu({ label, items }: { label: string; items: MenuItem[] }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    root.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const onPointer = (e: PointerEvent) => !root.current?.contains(e.target as Node) && setOpen(false);
    document.addEventListener("pointerdown", onPointer);
    return () => document.removeEventListener("pointerdown", onPointer);
  }, [open]);

  function onKeyDown(e: React.KeyboardEvent) {
    const entries = [...(root.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const i = entries.indexOf(document.activeElement as HTMLElement);
    if (e.key === "Escape") {
      setOpen(false);
      button.current?.focus();
    } else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      entries[(i + (e.key === "ArrowDown" ? 1 : entries.length - 1)) % entries.length]?.focus();
    }
  }

  return (
    <div ref={root} className="relative">
      <IconButton
        ref={button}
        label={label}
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        className={open ? "bg-black/10 dark:bg-white/10" : ""}
      >
        <EllipsisVertical aria-hidden className="size-5" />
      </IconButton>
      {open && (
        <div
          role="menu"
          tabIndex={-1}
          aria-label={label}
          onKeyDown={onKeyDown}
          className="absolute right-2 top-11 z-20 flex min-w-52 flex-col rounded-md bg-panel py-2 shadow-xl ring-1 ring-black/5"
        >
          {items.map((item) => (
            <button
              key={item.label}
              type="button"
              role="menuitem"
              onClick={() => {
                setOpen(false);
                item.onSelect();
              }}
              className={`px-6 py-2.5 text-left text-sm hover:bg-hover focus:bg-hover focus:outline-none ${item.danger ? "text-danger" : "text-ink"}`}
            >
              {item.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
