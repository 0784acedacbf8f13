import type { Metadata, Viewport } from "next";
import { cookies } from "next/headers";
import type { CSSProperties, ReactNode } from "react";
import { I18nProvider } from "@/components/i18n/i18n-provider";
import { ServiceWorker } from "@/components/pwa/service-worker";
import { messagesFor } from "@/lib/i18n/catalog";
import { directionOf } from "@/lib/i18n/locales";
import { getTranslator, requestLocale } from "@/lib/i18n/server";
import { appearanceOf, htmlAttributesOf } from "@/lib/shared/appearance";
import "./globals.css";

// Every page is rendered per request: the CSP nonce differs each time.
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslator("app");
  return {
    title: "Chatterbox",
    description: t("description"),
    icons: { icon: "/icon.svg", apple: "/icons/apple-touch-icon.png" },
    appleWebApp: { capable: true, title: "Chatterbox", statusBarStyle: "default" },
  };
}

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f0f2f5" },
    { media: "(prefers-color-scheme: dark)", color: "#202c33" },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const jar = await cookies();
  // The device's theme and wallpaper (Settings > Chats), from the first paint.
  const { style, ...theme } = htmlAttributesOf(appearanceOf((name) => jar.get(name)?.value));
  // The device's language (Settings > Language, else the browser's), and its direction.
  const locale = await requestLocale();
  return (
    <html lang={locale} dir={directionOf(locale)} {...theme} style={style as CSSProperties | undefined}>
      <body>
        <I18nProvider locale={locale} messages={await messagesFor(locale)} timeZone={Intl.DateTimeFormat().resolvedOptions().timeZone}>
          {children}
        </I18nProvider>
        <ServiceWorker />
      </body>
    </html>
  );
}
