"use client";

import dynamic from "next/dynamic";
import { Spinner } from "../../ui/spinner";

/** The emoji picker, whose code loads when it first opens (its emoji data then comes from this server). */
export const LazyEmojiPanel = dynamic(() => import("./emoji-panel"), {
  ssr: false,
  loading: () => (
    <div className="flex h-[360px] w-[min(352px,calc(100vw-1.5rem))] items-center justify-center rounded-xl bg-panel text-brand shadow-xl">
      <Spinner label="Loading emoji" />
    </div>
  ),
});
