"use client";

// lib/client/format-time.ts in the page's language, with the phrases around times from the catalog.
import { useMemo } from "react";
import { useLocale, useTranslations } from "use-intl";
import { clockTime, dayLabel, lastSeen, listTime, shortDate } from "@/lib/client/format-time";
import type { PresenceState } from "@/lib/contracts/messaging";

export function useTimeFormat() {
  const locale = useLocale();
  const t = useTranslations("time");
  return useMemo(
    () => ({
      clock: (at: Date) => clockTime(at, locale),
      date: (at: Date) => shortDate(at, locale),
      day: (at: Date, now = new Date()) => dayLabel(at, now, locale),
      list: (at: Date, now = new Date()) => listTime(at, now, locale),
      /** "Today at 14:02", "Yesterday at 09:10", "12/03/2026 at 09:10" (lists of times: message info, viewers). */
      dayTime: (at: Date, now = new Date()) => t("dayAtTime", { day: dayLabel(at, now, locale), time: clockTime(at, locale) }),
      /** "online", "last seen today at 14:02", "last seen yesterday at 09:10", "last seen 12/03/2026", or null. */
      lastSeen: (presence: PresenceState | undefined, now = new Date()) => {
        const seen = lastSeen(presence, now, locale);
        if (!seen) return null;
        switch (seen.when) {
          case "online":
            return t("online");
          case "today":
            return t("lastSeenToday", { time: seen.time });
          case "yesterday":
            return t("lastSeenYesterday", { time: seen.time });
          case "date":
            return t("lastSeenOn", { date: seen.date });
        }
      },
    }),
    [locale, t],
  );
}
