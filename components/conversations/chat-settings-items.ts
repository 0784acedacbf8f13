import { isMuted } from "@/lib/client/selectors";
import type { ChatSettings } from "@/lib/contracts/message-actions";
import type { ConversationSummary } from "@/lib/contracts/messaging";
import type { MenuItem } from "../shell/menu";

/** Pin, archive and mute, as the chat row's menu and the chat header's menu offer them. */
export function chatSettingsItems(conversation: ConversationSummary, onSettings: (settings: ChatSettings) => void): MenuItem[] {
  return [
    { label: conversation.pinnedAt ? "Unpin chat" : "Pin chat", onSelect: () => onSettings({ pinned: !conversation.pinnedAt }) },
    { label: conversation.archived ? "Unarchive chat" : "Archive chat", onSelect: () => onSettings({ archived: !conversation.archived }) },
    ...(isMuted(conversation)
      ? [{ label: "Unmute notifications", onSelect: () => onSettings({ mute: null }) }]
      : [
          { label: "Mute for 8 hours", onSelect: () => onSettings({ mute: "8h" }) },
          { label: "Mute for 1 week", onSelect: () => onSettings({ mute: "1w" }) },
          { label: "Mute always", onSelect: () => onSettings({ mute: "always" }) },
        ]),
  ];
}
