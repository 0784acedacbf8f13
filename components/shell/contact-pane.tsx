"use client";

import { X } from "lucide-react";
import { useState } from "react";
import { useTranslations } from "use-intl";
import type { ConversationSummary } from "@/lib/contracts/messaging";
import type { PublicUser } from "@/lib/contracts/users";
import { DisappearingSetting } from "../chat/actions/disappearing-setting";
import { EncryptionRow } from "../e2ee/encryption-row";
import { VerifyPanel } from "../e2ee/lazy-verify-panel";
import { SafetyActions } from "../privacy/safety-actions";
import { Avatar } from "../ui/avatar";

/** The open chat's "Contact info": the peer's public profile, kept live; in an encrypted chat, the way to verify them. */
export function ContactPane({
  user,
  conversation,
  verify = false,
  onClose,
}: {
  user: PublicUser;
  /** The direct chat with them (its disappearing-message timer is set here). */
  conversation: ConversationSummary;
  /** Open on "Verify security code" (from the chat's "security code changed" notice). */
  verify?: boolean;
  onClose: () => void;
}) {
  const t = useTranslations("shell.contactPane");
  const [verifying, setVerifying] = useState(verify && conversation.encrypted);
  if (verifying) return <VerifyPanel user={user} onBack={() => setVerifying(false)} />;
  return (
    <section aria-label={t("label", { name: user.displayName })} className="flex h-full flex-col bg-app dark:bg-panel">
      <header className="flex h-[59px] shrink-0 items-center gap-4 border-s border-line bg-panel-header px-4">
        <button
          type="button"
          aria-label={t("close")}
          title={t("close")}
          onClick={onClose}
          className="rounded-full p-1 text-ink-muted hover:bg-black/5 dark:hover:bg-white/10"
        >
          <X aria-hidden className="size-6" />
        </button>
        <Avatar src={user.avatarUrl} name={user.displayName} size="sm" />
        <h2 className="truncate text-base text-ink">{user.displayName}</h2>
      </header>
      <div className="min-h-0 flex-1 overflow-y-auto">
        <div className="flex flex-col items-center gap-2 bg-panel py-8">
          <Avatar src={user.avatarUrl} name={user.displayName} size="lg" />
          <p className="mt-3 text-2xl text-ink" data-testid="contact-name">
            {user.displayName}
          </p>
          <p className="text-ink-muted">
            <bdi>@{user.username}</bdi>
          </p>
        </div>
        <div className="mt-2 bg-panel px-8 py-5">
          <h3 className="text-sm text-ink-muted">{t("about")}</h3>
          <p className="mt-1 whitespace-pre-wrap text-ink" data-testid="contact-about">
            {user.about || t("noAbout")}
          </p>
        </div>
        {conversation.encrypted && <EncryptionRow peer={user.id} onVerify={() => setVerifying(true)} />}
        <DisappearingSetting conversation={conversation} canChange />
        <SafetyActions conversation={conversation} />
      </div>
    </section>
  );
}
