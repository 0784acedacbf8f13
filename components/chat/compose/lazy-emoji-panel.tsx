"use client";

import dynamic from "next/dynamic";
import { useTranslations } from "use-intl";
import { Spinner } from "../../ui/spinner";

/** The emoji picker, whose code loads when it first opens (its emoji data then comes from this server). */
export const LazyEmojiPanel = dynamic(() => import("./emoji-panel"), {
  ssr: false,
  loading: () => <EmojiPanelLoading />,
});

function EmojiPanelLoading() {
  const t = useTranslations("compose.emoji");
  return (
    <div className="flex h-[360px] w-[min(352px,calc(100vw-1.5rem))] items-center justify-center rounded-xl bg-panel text-brand shadow-xl">
      <Spinner label={t("loading")} />
    </div>
  );
}
