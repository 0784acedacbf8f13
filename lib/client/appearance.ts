// This device's theme and wallpaper (see lib/shared/appearance.ts): shown at once, and kept in cookies for
// the server's next render.
import { type Appearance, appearanceOf, htmlAttributesOf, THEME_COOKIE, WALLPAPER_COOKIE } from "@/lib/shared/appearance";
import { readCookie, writeCookie } from "./cookies";

export function currentAppearance(): Appearance {
  return appearanceOf(readCookie);
}

export function applyAppearance(appearance: Appearance): void {
  writeCookie(THEME_COOKIE, appearance.theme);
  writeCookie(WALLPAPER_COOKIE, appearance.wallpaper);
  const html = document.documentElement;
  const attrs = htmlAttributesOf(appearance);
  if (attrs["data-theme"]) html.dataset.theme = attrs["data-theme"];
  else delete html.dataset.theme;
  html.style.setProperty("--wallpaper", attrs.style?.["--wallpaper"] ?? null);
}
