"use client";

import { type ReactNode, useState } from "react";
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
  const engine = useMessagingEngine();
  const [open, setOpen] = useState<{ dialog: Dialog; conversation: ConversationSummary; onClose?: () => void } | null>(null);
  const [busy, setBusy] = useState(false);
  const fail = (e: Error) => notify(e.message, true);
  const settings = (c: ConversationSummary, s: ChatSettings) => void engine.chatSettings(c.id, s).catch(fail);

  const itemsFor = (c: ConversationSummary, { onInfo, onClose }: { onInfo: () => void; onClose?: () => void }): MenuItem[] => {
    const ask = (dialog: Dialog) => () => setOpen({ dialog, conversation: c, onClose });
    const peer = c.peer;
    return [
      { label: c.group ? "Group info" : "Contact info", onSelect: onInfo },
      ...(isMuted(c)
        ? [{ label: "Unmute notifications", onSelect: () => settings(c, { mute: null }) }]
        : [
            { label: "Mute for 8 hours", onSelect: () => settings(c, { mute: "8h" }) },
            { label: "Mute for 1 week", onSelect: () => settings(c, { mute: "1w" }) },
            { label: "Mute always", onSelect: () => settings(c, { mute: "always" }) },
          ]),
      { label: c.pinnedAt ? "Unpin chat" : "Pin chat", onSelect: () => settings(c, { pinned: !c.pinnedAt }) },
      { label: c.archived ? "Unarchive chat" : "Archive chat", onSelect: () => settings(c, { archived: !c.archived }) },
      isUnread(c)
        ? { label: "Mark as read", onSelect: () => engine.markRead(c.id).catch(fail) }
        : { label: "Mark as unread", onSelect: () => settings(c, { unread: true }) },
      ...(onClose ? [{ label: "Close chat", onSelect: onClose }] : []),
      ...(peer
        ? [
            c.blocked
              ? { label: `Unblock ${peer.displayName}`, onSelect: () => void engine.block(peer.id, false).catch(fail) }
              : { label: `Block ${peer.displayName}`, onSelect: ask("block"), danger: true },
          ]
        : []),
      { label: peer ? `Report ${peer.displayName}` : "Report group", onSelect: ask("report"), danger: true },
      { label: "Clear chat", onSelect: ask("clear"), danger: true },
      ...(deletable(c) ? [{ label: "Delete chat", onSelect: ask("delete"), danger: true }] : []),
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
        onConfirm={() => void act(() => engine.block(c.peer?.id ?? "", true), `${c.peer?.displayName} is blocked`)}
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
        title="Clear this chat?"
        confirmLabel="Clear chat"
        busy={busy}
        onConfirm={() => void act(() => engine.clearChat(c.id, false), "Chat cleared")}
        onCancel={close}
      >
        Its messages are removed from this chat on all your devices. {title} still has them.
      </ConfirmDialog>
      <ConfirmDialog
        open={open.dialog === "delete"}
        title={c.group ? `Delete ${title}?` : `Delete chat with ${title}?`}
        confirmLabel="Delete chat"
        busy={busy}
        // A deleted chat that was open closes (it has nothing left to show).
        onConfirm={() => void act(() => engine.clearChat(c.id, true).then(() => open.onClose?.()), "Chat deleted")}
        onCancel={close}
      >
        Its messages are removed from all your devices and the chat leaves your list until a new message arrives.
      </ConfirmDialog>
    </>
  );
  return { itemsFor, dialogs };
}
