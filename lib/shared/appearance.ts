// How this device shows the app (Settings > Chats): the theme and the chat wallpaper. Kept in cookies so the
// server renders the page in them from the first paint (no flash of the other theme); nothing leaves the device.

export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

/**
 * Solid wallpapers as WhatsApp Web offers them, each in its light and dark shade. Their names are the
 * catalog's (messages/<locale>/system.json, "appearance.wallpapers.<id>": "Default", "Sage"...).
 */
export const WALLPAPERS = {
  default: { light: "#efeae2", dark: "#0b141a" },
  sage: { light: "#d9e8dc", dark: "#1f2c24" },
  sky: { light: "#d5e5ef", dark: "#1b2a35" },
  sand: { light: "#efe3cf", dark: "#2e2719" },
  rose: { light: "#f1dcdc", dark: "#33201f" },
  lavender: { light: "#e2dcf0", dark: "#26213a" },
  slate: { light: "#dfe3e6", dark: "#1d2429" },
} as const;
export type Wallpaper = keyof typeof WALLPAPERS;

export const THEME_COOKIE = "chatterbox-theme";
export const WALLPAPER_COOKIE = "chatterbox-wallpaper";

export interface Appearance {
  theme: Theme;
  wallpaper: Wallpaper;
}

/** The appearance a device's cookies ask for (anything unknown is the default). */
export function appearanceOf(cookie: (name: string) => string | undefined): Appearance {
  const theme = cookie(THEME_COOKIE);
  const wallpaper = cookie(WALLPAPER_COOKIE);
  return {
    theme: THEMES.includes(theme as Theme) ? (theme as Theme) : "system",
    wallpaper: wallpaper && Object.hasOwn(WALLPAPERS, wallpaper) ? (wallpaper as Wallpaper) : "default",
  };
}

/** The <html> attributes that show an appearance: data-theme (none: the system's) and the --wallpaper colour. */
export function htmlAttributesOf({ theme, wallpaper }: Appearance): { "data-theme"?: "light" | "dark"; style?: Record<string, string> } {
  const w = WALLPAPERS[wallpaper];
  return {
    ...(theme === "system" ? {} : { "data-theme": theme }),
    ...(wallpaper === "default" ? {} : { style: { "--wallpaper": `light-dark(${w.light}, ${w.dark})` } }),
  };
}
