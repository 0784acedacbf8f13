"use client";

import { type ReactNode, useEffect, useEffectEvent, useRef } from "react";

/**
 * Where contact info, group info, message info and search open: a third column beside the chat on wide
 * screens (as WhatsApp Web's), over the chat on narrower ones. Opening it moves focus into it (its search
 * field, else its first button); Escape closes it, and focus goes back to where it was.
 */
export function SideColumn({ onClose, children }: { onClose: () => void; children: ReactNode }) {
  const root = useRef<HTMLDivElement>(null);
  const close = useEffectEvent(onClose);
  useEffect(() => {
    const el = root.current;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape" || e.defaultPrevented) return;
      e.preventDefault();
      close();
    };
    el?.addEventListener("keydown", onKey);
    return () => el?.removeEventListener("keydown", onKey);
  }, []);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    const el = root.current;
    if (el && !el.contains(document.activeElement))
      (el.querySelector<HTMLElement>("input[type=search]") ?? el.querySelector("button"))?.focus();
    return () => {
      // Back to the control that opened it, when it is still there and focus was left in the column (or lost).
      if (before?.isConnected && (document.activeElement === document.body || el?.contains(document.activeElement))) before.focus();
    };
  }, []);
  return (
    <div
      ref={root}
      className="absolute inset-y-0 end-0 z-20 flex w-full flex-col border-s border-line bg-panel shadow-lg md:w-[60%] lg:w-[70%] xl:static xl:w-[30%] xl:max-w-[460px] xl:min-w-[340px] xl:shrink-0 xl:shadow-none"
    >
      {children}
    </div>
  );
}
