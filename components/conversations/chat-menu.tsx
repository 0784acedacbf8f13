"use client";

import { type ReactNode, useState } from "react";
import { useTranslations } from "use-intl";
import { chatTitle } from "@/lib/client/group-view";
import { isMuted, isUnread } from "@/lib/client/selectors";
import type { ChatSettings } from "@/lib/contracts/message-actions";
import type { ConversationSummary } from "@/lib/contracts/messaging";
import { useMessagingEngine } from "../chat/use-messaging";
import { BlockDialog } from "../privacy/chat-safety";
import { ReportDialog } from "../privacy/report-dialog";
import type { MenuItem } from "../shell/menu";
import { ConfirmDialog } from "../ui/confirm-dialog";

type Dialog = "block" | "report" | "clear" | "delete";

/** A group can be deleted from my list once I left it; a one-to-one chat always. */
const deletable = (c: ConversationSummary) => c.kind === "direct" || c.group?.myRole === null;

/**
 * What I can do with a chat, as the chat row's menu and the chat header's menu offer it (WhatsApp's order):
 * info, mute, pin, archive, mark as unread, close, block, report, clear and delete. Changes that need a
 * question first (block, report, clear, delete) open their dialog, which `dialogs` renders; `notify`
 * says what happened, or why it didn't.
 */
export function useChatMenu(notify: (text: string, error: boolean) => void) {
  const t = useTranslations("chatList.menu");
  const engine = useMessagingEngine();
  const [open, setOpen] = useState<{ dialog: Dialog; conversation: ConversationSummary; onClose?: () => void } | null>(null);
  const [busy, setBusy] = useState(false);
  const fail = (e: Error) => notify(e.message, true);
  const settings = (c: ConversationSummary, s: ChatSettings) => void engine.chatSettings(c.id, s).catch(fail);

  const itemsFor = (c: ConversationSummary, { onInfo, onClose }: { onInfo: () => void; onClose?: () => void }): MenuItem[] => {
    const ask = (dialog: Dialog) => () => setOpen({ dialog, conversation: c, onClose });
    const peer = c.peer;
    return [
      { label: c.group ? t("groupInfo") : t("contactInfo"), onSelect: onInfo },
      ...(isMuted(c)
        ? [{ label: t("unmute"), onSelect: () => settings(c, { mute: null }) }]
        : [
            { label: t("mute8h"), onSelect: () => settings(c, { mute: "8h" }) },
            { label: t("mute1w"), onSelect: () => settings(c, { mute: "1w" }) },
            { label: t("muteAlways"), onSelect: () => settings(c, { mute: "always" }) },
          ]),
      { label: c.pinnedAt ? t("unpin") : t("pin"), onSelect: () => settings(c, { pinned: !c.pinnedAt }) },
      { label: c.archived ? t("unarchive") : t("archive"), onSelect: () => settings(c, { archived: !c.archived }) },
      isUnread(c)
        ? { label: t("markRead"), onSelect: () => engine.markRead(c.id).catch(fail) }
        : { label: t("markUnread"), onSelect: () => settings(c, { unread: true }) },
      ...(onClose ? [{ label: t("close"), onSelect: onClose }] : []),
      ...(peer
        ? [
            c.blocked
              ? { label: t("unblock", { name: peer.displayName }), onSelect: () => void engine.block(peer.id, false).catch(fail) }
              : { label: t("block", { name: peer.displayName }), onSelect: ask("block"), danger: true },
          ]
        : []),
      { label: peer ? t("report", { name: peer.displayName }) : t("reportGroup"), onSelect: ask("report"), danger: true },
      { label: t("clear"), onSelect: ask("clear"), danger: true },
      ...(deletable(c) ? [{ label: t("delete"), onSelect: ask("delete"), danger: true }] : []),
    ];
  };

  const act = async (run: () => Promise<void>, done: string) => {
    setBusy(true);
    await run().then(() => {
      setOpen(null);
      notify(done, false);
    }, fail);
    setBusy(false);
  };

  const c = open?.conversation;
  const title = c ? chatTitle(c) : "";
  const close = () => setOpen(null);
  const dialogs: ReactNode = c && (
    <>
      <BlockDialog
        open={open.dialog === "block"}
        name={c.peer?.displayName ?? ""}
        busy={busy}
        onConfirm={() => void act(() => engine.block(c.peer?.id ?? "", true), t("blocked", { name: c.peer?.displayName ?? "" }))}
        onCancel={close}
      />
      <ReportDialog
        open={open.dialog === "report"}
        conversationId={c.id}
        name={title}
        person={c.peer !== null}
        onClose={close}
        onDone={(text) => {
          close();
          notify(text, false);
        }}
      />
      <ConfirmDialog
        open={open.dialog === "clear"}
        title={t("clearTitle")}
        confirmLabel={t("clear")}
        busy={busy}
        onConfirm={() => void act(() => engine.clearChat(c.id, false), t("cleared"))}
        onCancel={close}
      >
        {t("clearBody", { name: title })}
      </ConfirmDialog>
      <ConfirmDialog
        open={open.dialog === "delete"}
        title={c.group ? t("deleteGroupTitle", { name: title }) : t("deleteTitle", { name: title })}
        confirmLabel={t("delete")}
        busy={busy}
        // A deleted chat that was open closes (it has nothing left to show).
        onConfirm={() => void act(() => engine.clearChat(c.id, true).then(() => open.onClose?.()), t("deleted"))}
        onCancel={close}
      >
        {t("deleteBody")}
      </ConfirmDialog>
    </>
  );
  return { itemsFor, dialogs };
}
