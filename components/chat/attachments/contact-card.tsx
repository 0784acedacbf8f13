import { useTranslations } from "use-intl";
import { Avatar } from "@/components/ui/avatar";
import type { SharedContact } from "@/lib/contracts/messaging";

/**
 * A shared contact: avatar, name and @username, and under a line a "Message" button that opens the chat
 * with them (left out when there is nowhere to open it). A shared contact carries no avatar key, so the
 * avatar is the placeholder unless the caller knows the user's current `avatarUrl`.
 */
export function ContactCard({
  contact,
  avatarSrc = null,
  onOpenChat,
}: {
  contact: SharedContact;
  /** The user's avatar URL (PublicUser.avatarUrl) if known; the placeholder otherwise. */
  avatarSrc?: string | null;
  onOpenChat?: (userId: string) => void;
}) {
  const t = useTranslations("attachments.contact");
  return (
    <div className="-mx-1 -mt-0.5 mb-1 w-[260px] max-w-[calc(100%+0.5rem)]">
      <div className="flex items-center gap-3 px-1.5 py-1.5">
        <Avatar src={avatarSrc} name={contact.displayName} size="sm" />
        <div className="min-w-0 flex-1">
          <p className="truncate text-[15px] leading-5 font-medium text-ink" title={contact.displayName}>
            {contact.displayName}
          </p>
          <p className="truncate text-[13px] leading-5 text-ink-muted" title={`@${contact.username}`}>
            <bdi>@{contact.username}</bdi>
          </p>
        </div>
      </div>
      {onOpenChat && (
        <div className="mt-1 border-t border-black/10 pt-0.5 dark:border-white/10">
          <button
            type="button"
            aria-label={t("messageLabel", { name: contact.displayName })}
            onClick={() => onOpenChat(contact.userId)}
            className="w-full rounded-md py-2 text-center text-[14px] font-medium text-[#027eb5] transition-colors hover:bg-black/5 dark:text-[#53bdeb] dark:hover:bg-white/5"
          >
            {t("message")}
          </button>
        </div>
      )}
    </div>
  );
}
