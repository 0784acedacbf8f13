"use client";

import { User, Users } from "lucide-react";
import { useState } from "react";
import { useTranslations } from "use-intl";

const SIZES = { xs: "size-6", sm: "size-10", md: "size-12", lg: "size-40" } as const;

/** A user's picture or a group's icon, or a placeholder when there is none (`group` picks the group one and names it as an icon). */
export function Avatar({
  src,
  name,
  size = "md",
  group = false,
}: {
  src: string | null;
  name: string;
  size?: keyof typeof SIZES;
  group?: boolean;
}) {
  const t = useTranslations("ui.avatar");
  const box = `${SIZES[size]} shrink-0 overflow-hidden rounded-full`;
  const label = group ? t("group", { name }) : t("user", { name });
  // A picture that can't be loaded (gone, or not for this viewer) shows the placeholder, never a broken image.
  const [failed, setFailed] = useState<string | null>(null);
  if (src && failed !== src) {
    // biome-ignore lint/performance/noImgElement: avatars are small authenticated images; next/image adds nothing here.
    return <img src={src} alt={label} onError={() => setFailed(src)} className={`${box} object-cover`} />;
  }
  const Icon = group ? Users : User;
  return (
    <span role="img" aria-label={label} className={`${box} flex items-center justify-center bg-[#dfe5e7] text-[#fff] dark:bg-[#6a7175]`}>
      <Icon aria-hidden className={group ? "size-1/2" : "size-3/5"} strokeWidth={1.5} />
    </span>
  );
}
