import type { ReactNode } from "react";
import { Logo } from "./logo";

/** The green-banded page with the logo, for screens outside the messenger (sign-in, sign-up, invites). */
export function BrandedPage({ children }: { children: ReactNode }) {
  return (
    <div className="min-h-full bg-app">
      <div className="h-56 bg-brand-strong dark:bg-panel-header" />
      <main className="mx-auto -mt-40 w-full max-w-md px-4 pb-10">
        <div className="mb-6 flex items-center gap-3 text-white">
          <Logo className="size-10" />
          <span className="text-sm font-semibold uppercase tracking-wide">Chatterbox</span>
        </div>
        {children}
      </main>
    </div>
  );
}
