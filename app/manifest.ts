// The web app manifest (/manifest.webmanifest): what makes the messenger installable as an app.
import type { MetadataRoute } from "next";
import { directionOf } from "@/lib/i18n/locales";
import { getTranslator, requestLocale } from "@/lib/i18n/server";

// In the language of the request (the device's choice or the browser's), as the pages are.
export default async function manifest(): Promise<MetadataRoute.Manifest> {
  const [locale, t] = await Promise.all([requestLocale(), getTranslator("app")]);
  return {
    id: "/",
    name: "Chatterbox",
    short_name: "Chatterbox",
    description: t("manifest.description"),
    lang: locale,
    dir: directionOf(locale),
    start_url: "/",
    scope: "/",
    display: "standalone",
    display_override: ["window-controls-overlay", "standalone"],
    orientation: "any",
    background_color: "#111b21",
    theme_color: "#00a884",
    categories: ["social", "communication"],
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/maskable-192.png", sizes: "192x192", type: "image/png", purpose: "maskable" },
      { src: "/icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
      { src: "/icon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" },
    ],
    // The app opens these views from "/?view=..." (components/shell/messenger.tsx).
    shortcuts: [
      { name: t("manifest.newChat"), url: "/?view=new-chat", icons: [{ src: "/icons/icon-192.png", sizes: "192x192", type: "image/png" }] },
      {
        name: t("manifest.newGroup"),
        url: "/?view=new-group",
        icons: [{ src: "/icons/icon-192.png", sizes: "192x192", type: "image/png" }],
      },
      { name: t("manifest.status"), url: "/?view=status", icons: [{ src: "/icons/icon-192.png", sizes: "192x192", type: "image/png" }] },
    ],
  };
}
