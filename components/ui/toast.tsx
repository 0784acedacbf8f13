"use client";

import { type ReactNode, useCallback, useEffect, useState } from "react";

/**
 * A short note at the bottom of the window ("Chat cleared", or why something failed), gone after five
 * seconds; returns the note to render and the function that shows one.
 */
export function useToast(): [ReactNode, (text: string, error: boolean) => void] {
  const [note, setNote] = useState<{ text: string; error: boolean } | null>(null);
  useEffect(() => {
    if (!note) return;
    const timer = setTimeout(() => setNote(null), 5_000);
    return () => clearTimeout(timer);
  }, [note]);
  const show = useCallback((text: string, error: boolean) => setNote({ text, error }), []);
  const element = note && (
    <p
      role={note.error ? "alert" : "status"}
      className={`fixed bottom-6 left-1/2 z-50 max-w-[90vw] -translate-x-1/2 rounded-lg px-4 py-3 text-sm shadow-lg ${note.error ? "bg-danger text-white" : "bg-[#3b4a54] text-white dark:bg-[#e9edef] dark:text-[#111b21]"}`}
    >
      {note.text}
    </p>
  );
  return [element, show];
}
