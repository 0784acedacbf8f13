import { CircleDashed, Lock } from "lucide-react";
import { useTranslations } from "use-intl";
import { usePointer } from "@/components/ui/use-pointer";

/** The right pane while the Status tab is open and no chat is. */
export function StatusWelcome() {
  const pointer = usePointer();
  const t = useTranslations("status.welcome");
  return (
    <section
      aria-label={t("label")}
      className="flex h-full flex-col items-center justify-center gap-6 border-b-[6px] border-brand bg-panel-header px-10 text-center"
    >
      <CircleDashed aria-hidden className="size-20 text-ink-muted opacity-60" strokeWidth={1.25} />
      <h2 className="text-3xl font-light text-ink">{t("title")}</h2>
      <p className="max-w-md text-sm leading-6 text-ink-muted">{t("body", { pointer })}</p>
      <p className="flex items-center gap-1 text-xs text-ink-muted">
        <Lock aria-hidden className="size-3" /> {t("privacy")}
      </p>
    </section>
  );
}
