"use client";

import { Check } from "lucide-react";
import { useState } from "react";
import { useTranslations } from "use-intl";
import { applyAppearance, currentAppearance } from "@/lib/client/appearance";
import { type Appearance, type Theme, WALLPAPERS, type Wallpaper } from "@/lib/shared/appearance";
import { RadioGroup } from "../ui/radio-group";
import { SettingsPanel, SettingsSection } from "./settings-panel";

const THEMES: Theme[] = ["system", "light", "dark"];

/** Settings › Chats: this device's theme (the system's, light or dark) and chat wallpaper, shown at once. */
export function ChatAppearancePanel({ onBack }: { onBack: () => void }) {
  const t = useTranslations("shell");
  const tAppearance = useTranslations("system.appearance");
  const [appearance, setAppearance] = useState<Appearance>(currentAppearance);
  const change = (patch: Partial<Appearance>) => {
    const next = { ...appearance, ...patch };
    applyAppearance(next);
    setAppearance(next);
  };
  return (
    <SettingsPanel title={t("settingsHub.pages.chats")} onBack={onBack} error={null} loading={null}>
      <SettingsSection title={t("chatAppearance.display")} />
      <RadioGroup
        label={t("chatAppearance.theme")}
        options={THEMES.map((value) => ({ value, label: t(`chatAppearance.themes.${value}`) }))}
        value={appearance.theme}
        onChange={(theme) => change({ theme })}
      />
      <SettingsSection title={t("chatAppearance.wallpaper")} />
      <div role="radiogroup" aria-label={t("chatAppearance.wallpaper")} className="grid grid-cols-4 gap-3 px-8 py-3">
        {(Object.keys(WALLPAPERS) as Wallpaper[]).map((id) => {
          const w = WALLPAPERS[id];
          const on = appearance.wallpaper === id;
          return (
            <label key={id} className="flex cursor-pointer flex-col items-center gap-1.5 text-xs text-ink-muted">
              <span className="relative w-full">
                {/* The radio covers its swatch: a click anywhere on it chooses the wallpaper. */}
                <input
                  type="radio"
                  name="wallpaper"
                  checked={on}
                  onChange={() => change({ wallpaper: id })}
                  aria-label={tAppearance(`wallpapers.${id}`)}
                  className="peer absolute inset-0 z-10 size-full cursor-pointer appearance-none opacity-0"
                />
                <span
                  aria-hidden
                  style={{ background: `light-dark(${w.light}, ${w.dark})` }}
                  className={`flex aspect-square w-full items-center justify-center rounded-lg border-2 peer-focus-visible:ring-2 peer-focus-visible:ring-brand ${on ? "border-brand" : "border-line"}`}
                >
                  {on && <Check className="size-5 text-brand" strokeWidth={3} />}
                </span>
              </span>
              {tAppearance(`wallpapers.${id}`)}
            </label>
          );
        })}
      </div>
      <p className="px-8 pt-2 text-sm text-ink-muted">{t("chatAppearance.note")}</p>
    </SettingsPanel>
  );
}
