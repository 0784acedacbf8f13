import { useTranslations } from "use-intl";
import { useTimeFormat } from "@/components/i18n/use-time-format";
import type { StatusViewer } from "@/lib/contracts/status";
import { Avatar } from "../ui/avatar";
import { Spinner } from "../ui/spinner";

/** Who saw one of my statuses, latest first, with when ("Today at 14:02"); a spinner until loaded. */
export function ViewerList({ viewers }: { viewers: StatusViewer[] | undefined }) {
  const t = useTranslations("status.viewers");
  const time = useTimeFormat();
  if (!viewers)
    return (
      <div className="flex justify-center p-4">
        <Spinner label={t("loading")} />
      </div>
    );
  if (!viewers.length) return <p className="px-4 py-3 text-sm text-ink-muted">{t("none")}</p>;
  const now = new Date();
  return (
    <ul aria-label={t("label")} className="py-1">
      {viewers.map((v) => (
        <li key={v.user.id} className="flex items-center gap-3 px-4 py-2">
          <Avatar src={v.user.avatarUrl} name={v.user.displayName} size="sm" />
          <span className="min-w-0 flex-1">
            <span className="block truncate text-[15px] text-ink">{v.user.displayName}</span>
            <span className="block text-xs text-ink-muted">{time.dayTime(new Date(v.viewedAt), now)}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}
