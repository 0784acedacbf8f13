"use client";

import { Copy, Link2, RefreshCw, Unlink } from "lucide-react";
import { useRef, useState } from "react";
import { useTranslations } from "use-intl";
import { FormAlert } from "../auth/form-alert";
import { useMessagingEngine } from "../chat/use-messaging";
import { Button } from "../ui/button";
import { useAction } from "../ui/use-action";
import { PaneSection } from "./side-pane";

/** The admins' invite link: create it, copy it, replace it with a new one, or revoke it. */
export function InviteLink({ groupId, code }: { groupId: string; code: string | null }) {
  const t = useTranslations("groups.link");
  const engine = useMessagingEngine();
  const { busy, error, run } = useAction();
  const [copied, setCopied] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  const url = code ? `${window.location.origin}/invite/${code}` : null;

  async function copy() {
    if (!url) return;
    setCopied(false);
    // The clipboard needs a secure context (https or localhost); elsewhere the link is selected for copying by hand.
    if (
      await navigator.clipboard?.writeText(url).then(
        () => true,
        () => false,
      )
    )
      setCopied(true);
    else field.current?.focus();
  }

  return (
    <PaneSection heading={t("title")}>
      <div className="flex flex-col gap-3 px-8">
        {url ? (
          <>
            <p className="text-sm text-ink-muted">{t("note")}</p>
            <input
              ref={field}
              readOnly
              aria-label={t("title")}
              value={url}
              onFocus={(e) => e.target.select()}
              className="h-9 rounded-lg bg-field px-3 text-sm text-ink outline-none"
            />
            {/* The buttons' words line up with the text above (their padding hangs outside). */}
            <div className="-mx-3 flex flex-wrap gap-1">
              <Button variant="plain" className="px-3" onClick={() => void copy()}>
                <Copy aria-hidden className="size-4" /> {t("copy")}
              </Button>
              <Button
                variant="plain"
                className="px-3"
                busy={busy === "reset"}
                onClick={() => void run("reset", () => engine.groups.createInvite(groupId))}
              >
                <RefreshCw aria-hidden className="size-4" /> {t("reset")}
              </Button>
              <Button
                variant="plain"
                className="px-3 text-danger! dark:text-danger!"
                busy={busy === "revoke"}
                onClick={() => void run("revoke", () => engine.groups.revokeInvite(groupId))}
              >
                <Unlink aria-hidden className="size-4" /> {t("revoke")}
              </Button>
            </div>
            <p aria-live="polite" className="text-xs text-brand-strong dark:text-brand">
              {copied ? t("copied") : ""}
            </p>
          </>
        ) : (
          <Button
            variant="plain"
            className="self-start px-3"
            busy={busy === "create"}
            onClick={() => void run("create", () => engine.groups.createInvite(groupId))}
          >
            <Link2 aria-hidden className="size-4" /> {t("create")}
          </Button>
        )}
        <FormAlert message={error} />
      </div>
    </PaneSection>
  );
}
