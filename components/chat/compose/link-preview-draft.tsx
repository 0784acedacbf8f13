import { LoaderCircle, X } from "lucide-react";
import { useTranslations } from "use-intl";
import { IconButton } from "../../ui/icon-button";
import { LinkPreviewBody } from "../link-preview-card";
import type { LinkPreviewDraft } from "./use-link-preview";

/** The preview the next message will carry, above the message box (loading first), with a button to send without it. */
export function LinkPreviewDraftCard({ draft, onRemove }: { draft: NonNullable<LinkPreviewDraft>; onRemove: () => void }) {
  const t = useTranslations("compose.linkPreview");
  return (
    <fieldset aria-label={t("label")} aria-busy={!draft.preview} className="m-0 flex min-w-0 items-center gap-2 border-0 p-0 ps-12">
      <div className="flex min-h-[64px] min-w-0 flex-1 overflow-hidden rounded-lg bg-black/[0.05] dark:bg-[#1d282f]">
        {draft.preview ? (
          <LinkPreviewBody preview={draft.preview} />
        ) : (
          <p className="flex items-center gap-2 px-3 text-sm text-ink-muted">
            <LoaderCircle aria-hidden className="size-4 animate-spin" />
            {t("loading", { host: new URL(draft.url).hostname })}
          </p>
        )}
      </div>
      <IconButton label={t("remove")} onClick={onRemove}>
        <X aria-hidden className="size-5" />
      </IconButton>
    </fieldset>
  );
}
