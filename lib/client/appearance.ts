// This device's theme and wallpaper (see lib/shared/appearance.ts): shown at once, and kept in cookies for
// the server's next render.
import { type Appearance, appearanceOf, htmlAttributesOf, THEME_COOKIE, WALLPAPER_COOKIE } from "@/lib/shared/appearance";

const YEAR = 365 * 24 * 3600;

export function currentAppearance(): Appearance {
  const jar = new Map(document.cookie.split("; ").map((c) => c.split("=") as [string, string]));
  return appearanceOf((name) => jar.get(name));
}

export function applyAppearance(appearance: Appearance): void {
  // biome-ignore lint/suspicious/noDocumentCookie: synchronous, before the next paint, in every browser (the Cookie Store API is async and newer).
  document.cookie = `${THEME_COOKIE}=${appearance.theme}; path=/; max-age=${YEAR}; samesite=lax`;
  // biome-ignore lint/suspicious/noDocumentCookie: as above.
  document.cookie = `${WALLPAPER_COOKIE}=${appearance.wallpaper}; path=/; max-age=${YEAR}; samesite=lax`;
  const html = document.documentElement;
  const attrs = htmlAttributesOf(appearance);
  if (attrs["data-theme"]) html.dataset.theme = attrs["data-theme"];
  else delete html.dataset.theme;
  html.style.setProperty("--wallpaper", attrs.style?.["--wallpaper"] ?? null);
}
