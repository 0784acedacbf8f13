"use client";

import { EllipsisVertical, type LucideIcon } from "lucide-react";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { IconButton } from "../ui/icon-button";

export interface MenuItem {
  label: string;
  onSelect: () => void;
  danger?: boolean;
  /** An icon before the label (the attach menu's coloured round icons). */
  icon?: LucideIcon;
  iconClass?: string;
}

/** A keyboard-usable dropdown menu (Arrow keys move, Escape closes, focus returns to the button). */
export function Menu({
  label,
  items,
  trigger = <EllipsisVertical aria-hidden className="size-5" />,
  opensUp = false,
  className = "relative",
  buttonClass = "",
  align = "right",
}: {
  label: string;
  items: MenuItem[];
  trigger?: ReactNode;
  /** Open above the button, from its left edge (a menu at the bottom of the screen). */
  opensUp?: boolean;
  /** The wrapper's classes (it must stay positioned: the list is placed from it). */
  className?: string;
  buttonClass?: string;
  /** Which edge of the button the list lines up with, when it opens down. */
  align?: "left" | "right";
}) {
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
    <div ref={root} className={className}>
      <IconButton
        ref={button}
        label={label}
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        className={`${open ? "bg-black/10 dark:bg-white/10" : ""} ${buttonClass}`}
      >
        {trigger}
      </IconButton>
      {open && (
        <div
          role="menu"
          tabIndex={-1}
          aria-label={label}
          onKeyDown={onKeyDown}
          className={`absolute z-20 flex min-w-52 flex-col rounded-md bg-panel py-2 shadow-xl ring-1 ring-black/5 ${opensUp ? "bottom-12 start-0" : align === "right" ? "end-2 top-11" : "start-2 top-11"}`}
        >
          {items.map((item) => (
            <button
              key={item.label}
              type="button"
              role="menuitem"
              onClick={() => {
                setOpen(false);
                // Focus goes back to the menu's button first: a dialog or panel the item opens returns it there.
                button.current?.focus();
                item.onSelect();
              }}
              className={`flex items-center gap-3 px-6 py-2.5 text-start text-sm hover:bg-hover focus:bg-hover focus:outline-none ${item.danger ? "text-danger" : "text-ink"} ${item.icon ? "ps-4 text-[15px]" : ""}`}
            >
              {item.icon && (
                <span
                  aria-hidden
                  className={`flex size-9 items-center justify-center rounded-full text-white ${item.iconClass ?? "bg-brand"}`}
                >
                  <item.icon className="size-5" />
                </span>
              )}
              {item.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
