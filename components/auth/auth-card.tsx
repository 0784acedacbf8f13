import Link from "next/link";
import type { ReactNode } from "react";
import { Logo } from "../ui/logo";

export function AuthCard({
  title,
  children,
  footer,
}: {
  title: string;
  children: ReactNode;
  footer: { text: string; href: string; link: string };
}) {
  return (
    <div className="min-h-full bg-app">
      <div className="h-56 bg-brand-strong dark:bg-panel-header" />
      <main className="mx-auto -mt-40 w-full max-w-md px-4 pb-10">
        <div className="mb-6 flex items-center gap-3 text-white">
          <Logo className="size-10" />
          <span className="text-sm font-semibold uppercase tracking-wide">Chatterbox</span>
        </div>
        <section className="rounded-xl bg-panel p-8 shadow-lg">
          <h1 className="mb-6 text-2xl font-light text-ink">{title}</h1>
          {children}
          <p className="mt-6 text-center text-sm text-ink-muted">
            {footer.text}{" "}
            <Link href={footer.href} className="font-medium text-brand-strong hover:underline dark:text-brand">
              {footer.link}
            </Link>
          </p>
        </section>
      </main>
    </div>
  );
}
