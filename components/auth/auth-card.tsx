import Link from "next/link";
import type { ReactNode } from "react";
import { BrandedPage } from "../ui/branded-page";

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
    <BrandedPage>
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
    </BrandedPage>
  );
}
