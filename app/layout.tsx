import type { Metadata, Viewport } from "next";
import { cookies } from "next/headers";
import type { CSSProperties, ReactNode } from "react";
import { ServiceWorker } from "@/components/pwa/service-worker";
import { appearanceOf, htmlAttributesOf } from "@/lib/shared/appearance";
import "./globals.css";

// Every page is rendered per request: the CSP nonce differs each time.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Chatterbox",
  description: "A self-hosted messenger",
  icons: { icon: "/icon.svg", apple: "/icons/apple-touch-icon.png" },
  appleWebApp: { capable: true, title: "Chatterbox", statusBarStyle: "default" },
};

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
  return (
    <html lang="en" {...theme} style={style as CSSProperties | undefined}>
      <body>
        {children}
        <ServiceWorker />
      </body>
    </html>
  );
}
