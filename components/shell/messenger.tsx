"use client";

import dynamic from "next/dynamic";
import { signOut } from "next-auth/react";
import { useEffect, useEffectEvent, useState } from "react";
import { useTranslations } from "use-intl";
import { request } from "@/lib/api-client";
import { forgetCachedPages } from "@/lib/client/pwa";
import { isMuted, listedConversations } from "@/lib/client/selectors";
import { type Shortcut, shortcutFor } from "@/lib/client/shortcuts";
import { isOpenChatMessage } from "@/lib/client/sw-protocol";
import type { ChatSettings } from "@/lib/contracts/message-actions";
import type { ChatMessage } from "@/lib/contracts/messaging";
import type { Me, PublicUser } from "@/lib/contracts/users";
import { CallProvider } from "../calls/call-provider";
import { CallsPanel } from "../calls/calls-panel";
import { useStartCall } from "../calls/use-start-call";
import { ChatView } from "../chat/chat-view";
import { MentionToast } from "../chat/mention-toast";
import { MessagingProvider } from "../chat/messaging-provider";
import { useMessaging, useMessagingEngine } from "../chat/use-messaging";
import { VerifyPanel } from "../e2ee/lazy-verify-panel";
import { GroupInfoPane } from "../groups/group-info-pane";
import { MessageInfoPane } from "../groups/message-info-pane";
import { NewGroupPanel } from "../groups/new-group-panel";
import { NotificationsPanel } from "../notifications/notifications-panel";
import { PrivacyPanel } from "../privacy/privacy-panel";
import { ProfilePanel } from "../profile/profile-panel";
import { SocketProvider } from "../realtime/socket-provider";
import { useUserUpdates } from "../realtime/use-user-updates";
import { SearchPane } from "../search/search-pane";
import { StarredPanel } from "../search/starred-panel";
import { SecurityPanel } from "../security/security-panel";
import { StatusPanel } from "../status/status-panel";
import { StatusProvider, useStatusFeed } from "../status/status-provider";
import { StatusWelcome } from "../status/status-welcome";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { PanelSpinner } from "../ui/spinner";
import { ChatAppearancePanel } from "./chat-appearance-panel";
import { ChatsPanel } from "./chats-panel";
import { ContactPane } from "./contact-pane";
import { HelpPanel } from "./help-panel";
import { LanguagePanel } from "./language-panel";
import { NavRail } from "./nav-rail";
import { NewChatPanel } from "./new-chat-panel";
import { OtherTabBanner } from "./other-tab-banner";
import { SettingsHub, type SettingsPage } from "./settings-hub";
import { ShortcutsDialog } from "./shortcuts-dialog";
import { SideColumn } from "./side-column";
import { UpdateBanner } from "./update-banner";
import { WelcomePane } from "./welcome-pane";

const SETTINGS_PAGES: ReadonlySet<string> = new Set<SettingsPage>([
  "profile",
  "privacy",
  "security",
  "notifications",
  "chat-settings",
  "language",
  "backup",
  "help",
]);

/** Chat backup is opened rarely, and brings the recovery key's encoding: it loads when it is opened. */
const BackupPanel = dynamic(() => import("../security/backup-panel").then((m) => m.BackupPanel), {
  loading: () => <BackupLoading />,
});

function BackupLoading() {
  const t = useTranslations("shell.messenger");
  return <PanelSpinner label={t("loadingBackup")} />;
}

/** `e2eeByDefault`: the server's E2EE_BY_DEFAULT (chats start being end-to-end encrypted once every member has a device). */
export function Messenger({ me, e2eeByDefault }: { me: Me; e2eeByDefault: boolean }) {
  return (
    <SocketProvider>
      <MessagingProvider me={me} e2eeByDefault={e2eeByDefault}>
        <StatusProvider me={me.id}>
          <CallProvider me={me.id}>
            <Shell initialMe={me} />
          </CallProvider>
        </StatusProvider>
      </MessagingProvider>
    </SocketProvider>
  );
}

type LeftView = "chats" | "calls" | "new-chat" | "new-group" | "starred" | "status" | "settings" | SettingsPage;
/** What the right pane shows instead of the open chat: its contact or group info, one message's info, search, or a group member's security code. */
type Side =
  | { kind: "info"; verify?: boolean }
  | { kind: "message"; seq: number }
  | { kind: "search" }
  | { kind: "verify"; user: PublicUser }
  | null;

function Shell({ initialMe }: { initialMe: Me }) {
  const t = useTranslations("shell");
  const engine = useMessagingEngine();
  const unseenStatus = useStatusFeed().updates.some((u) => !u.allViewed);
  const startCall = useStartCall();
  const [me, setMe] = useState(initialMe);
  const [left, setLeft] = useState<LeftView>("chats");
  const [openId, setOpenId] = useState<string | null>(null);
  const [side, setSide] = useState<Side>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [signingOut, setSigningOut] = useState<"here" | "everywhere" | null>(null);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const open = useMessaging((s) => (openId ? s.conversations[openId] : undefined));
  const shownId = open ? open.id : null;

  useUserUpdates((u) => {
    if (u.id === me.id) setMe((current) => ({ ...current, ...u }));
  });

  // The engine reads the open chat's messages (while the tab is seen) and tells the server.
  useEffect(() => engine.open(shownId), [engine, shownId]);

  // "/?chat=<id>" (after joining a group by its invite link, or from a notification) opens that chat once it
  // is loaded; "/?view=..." (the installed app's shortcuts) opens a panel; "/?call=<id>" (an incoming call's
  // notification) needs nothing more: the call engine rings for calls still ringing when the app opens.
  useEffect(() => {
    const params = new URLSearchParams(window.location.search);
    const wanted = params.get("chat");
    const view = params.get("view");
    if (!wanted && !view && !params.has("call")) return;
    if (wanted) setOpenId(wanted);
    if (view === "new-chat" || view === "new-group" || view === "status") setLeft(view);
    window.history.replaceState(null, "", window.location.pathname);
  }, []);

  // A notification clicked while the app is open: the service worker asks this window to show its chat.
  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      if (!isOpenChatMessage(event.data)) return;
      setLeft("chats");
      setOpenId(event.data.conversationId);
      setSide(null);
    };
    navigator.serviceWorker?.addEventListener("message", onMessage);
    return () => navigator.serviceWorker?.removeEventListener("message", onMessage);
  }, []);

  const openChat = (conversationId: string) => {
    setOpenId(conversationId);
    setSide(null);
    setNotice(null);
  };
  const openUser = (user: Pick<PublicUser, "id" | "displayName">) => {
    setLeft("chats");
    engine
      .openDirect(user.id)
      .then(openChat, (e: Error) => setNotice(t("messenger.openFailed", { name: user.displayName, error: e.message })));
  };
  /** Signing out also forgets what this device kept for offline use and its keys (the outbox stays for the next sign-in). */
  const signOutHere = async () => {
    await Promise.all([engine.forgetSnapshot().catch(() => {}), forgetCachedPages()]);
    await signOut({ callbackUrl: "/sign-in" });
  };
  const signOutEverywhere = async () => {
    await request("DELETE /api/v1/auth/sessions").catch(() => {});
    await signOutHere();
  };
  const closeSide = () => setSide(null);
  const toSettings = () => setLeft("settings");
  /** Opens a message's chat and goes to it (from search results or starred messages). */
  const openMessage = (message: ChatMessage) => {
    openChat(message.conversationId);
    engine.reveal(message.conversationId, message.seq).catch((e: Error) => setNotice(e.message));
  };

  // Keyboard shortcuts (WhatsApp Web's; lib/client/shortcuts.ts), on whatever has focus.
  const shortcut = useEffectEvent((e: KeyboardEvent) => {
    const which = shortcutFor(e);
    if (!which) return;
    e.preventDefault();
    const settings = (s: ChatSettings) => open && void engine.chatSettings(open.id, s).catch((err: Error) => setNotice(err.message));
    const { conversations, pending } = engine.store.getState();
    const list = listedConversations(conversations, pending, false);
    const step = (by: number) => {
      const at = list.findIndex((c) => c.id === open?.id);
      const next = list[at < 0 ? 0 : (at + by + list.length) % list.length];
      if (next) openChat(next.id);
    };
    const actions: Record<Shortcut, () => void> = {
      "new-chat": () => setLeft("new-chat"),
      "new-group": () => setLeft("new-group"),
      search: () => {
        setLeft("chats");
        requestAnimationFrame(() => document.querySelector<HTMLInputElement>(`input[aria-label="${t("chatsPanel.search")}"]`)?.focus());
      },
      "search-chat": () => open && setSide({ kind: "search" }),
      "next-chat": () => step(1),
      "previous-chat": () => step(-1),
      archive: () => settings({ archived: !open?.archived }),
      mute: () => settings({ mute: open && isMuted(open) ? null : "always" }),
      unread: () => {
        settings({ unread: true });
        setOpenId(null);
      },
      pin: () => settings({ pinned: !open?.pinnedAt }),
      profile: () => setLeft("profile"),
      settings: toSettings,
      shortcuts: () => setShortcutsOpen(true),
    };
    actions[which]();
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => shortcut(e);
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  // On a phone one pane shows at a time: the list, or the open chat with a Back button.
  return (
    <div className="flex h-dvh flex-col xl:px-[max(19px,calc((100vw-1600px)/2))] xl:py-[19px]">
      <UpdateBanner />
      <OtherTabBanner />
      {/* A phone stacks the tab bar under the panel (the rail comes first in the markup, for the wide layout). */}
      <div className="relative flex min-h-0 flex-1 flex-col-reverse overflow-hidden bg-panel shadow-lg md:flex-row">
        <NavRail
          section={left === "status" || left === "calls" ? left : left === "settings" || SETTINGS_PAGES.has(left) ? "settings" : "chats"}
          unseenStatus={unseenStatus}
          onChange={setLeft}
          className={open ? "hidden md:flex" : "flex"}
        />
        <aside
          aria-label={t("messenger.sidebar")}
          className={`${open ? "hidden md:flex" : "flex"} min-h-0 min-w-0 flex-1 flex-col border-e border-line md:w-[40%] md:flex-none md:min-w-[320px] lg:w-[30%]`}
        >
          {left === "status" && <StatusPanel me={me} />}
          {left === "calls" && (
            <CallsPanel
              me={me.id}
              onOpenChat={(id) => {
                setLeft("chats");
                openChat(id);
              }}
              onCall={(id, kind) => startCall(id, kind)}
            />
          )}
          {left === "settings" && (
            <SettingsHub
              me={me}
              onBack={() => setLeft("chats")}
              onOpen={setLeft}
              onShortcuts={() => setShortcutsOpen(true)}
              onSignOut={() => setSigningOut("here")}
            />
          )}
          {left === "profile" && <ProfilePanel me={me} onBack={toSettings} onChange={(u) => setMe((current) => ({ ...current, ...u }))} />}
          {left === "privacy" && <PrivacyPanel onBack={toSettings} />}
          {left === "notifications" && <NotificationsPanel onBack={toSettings} />}
          {left === "security" && <SecurityPanel onBack={toSettings} />}
          {left === "backup" && <BackupPanel onBack={toSettings} />}
          {left === "chat-settings" && <ChatAppearancePanel onBack={toSettings} />}
          {left === "language" && <LanguagePanel onBack={toSettings} />}
          {left === "help" && <HelpPanel onBack={toSettings} onShortcuts={() => setShortcutsOpen(true)} />}
          {left === "new-chat" && <NewChatPanel onBack={() => setLeft("chats")} onOpenUser={openUser} />}
          {left === "starred" && <StarredPanel onBack={() => setLeft("chats")} onOpen={openMessage} />}
          {left === "new-group" && (
            <NewGroupPanel
              onBack={() => setLeft("chats")}
              onCreated={(id, problem) => {
                setLeft("chats");
                openChat(id);
                setNotice(problem);
              }}
            />
          )}
          {left === "chats" && (
            <ChatsPanel
              me={me}
              activeId={shownId}
              notice={notice}
              onDismissNotice={() => setNotice(null)}
              onProfile={() => setLeft("profile")}
              onNewChat={() => setLeft("new-chat")}
              onNewGroup={() => setLeft("new-group")}
              rowHandlers={{
                onOpen: openChat,
                onInfo: (id) => {
                  openChat(id);
                  setSide({ kind: "info" });
                },
                onClose: () => setOpenId(null),
              }}
              onOpenUser={openUser}
              onOpenMessage={openMessage}
              onStarred={() => setLeft("starred")}
              onSettings={toSettings}
              onBackup={() => setLeft("backup")}
              onSignOut={setSigningOut}
            />
          )}
        </aside>
        <main className={`${open ? "flex" : "hidden md:flex"} min-h-0 min-w-0 flex-1 flex-col`}>
          {open && (
            <ChatView
              key={open.id}
              conversation={open}
              me={me.id}
              onBack={() => setOpenId(null)}
              onInfo={() => setSide({ kind: "info" })}
              onVerify={(user) => setSide(open.kind === "direct" ? { kind: "info", verify: true } : { kind: "verify", user })}
              onSearch={() => setSide({ kind: "search" })}
              onMessageInfo={(seq) => setSide({ kind: "message", seq })}
              onOpenUser={openUser}
            />
          )}
          {!open && (left === "status" ? <StatusWelcome /> : <WelcomePane />)}
        </main>
        {open && side && (
          <SideColumn key={`${open.id} ${side.kind}`} onClose={closeSide}>
            {side.kind === "info" && open.group && <GroupInfoPane conversation={open} me={me.id} onClose={closeSide} />}
            {side.kind === "info" && open.peer && (
              <ContactPane user={open.peer} conversation={open} verify={side.verify} onClose={closeSide} />
            )}
            {side.kind === "message" && <MessageInfoPane conversation={open} seq={side.seq} onClose={closeSide} />}
            {side.kind === "search" && <SearchPane conversation={open} me={me.id} onClose={closeSide} onOpen={openMessage} />}
            {side.kind === "verify" && <VerifyPanel user={side.user} onBack={closeSide} backLabel={t("messenger.backToChat")} />}
          </SideColumn>
        )}
        <ConfirmDialog
          open={signingOut !== null}
          title={signingOut === "everywhere" ? t("messenger.signOutEverywhereTitle") : t("messenger.signOutTitle")}
          confirmLabel={t("signOut")}
          onCancel={() => setSigningOut(null)}
          onConfirm={() => void (signingOut === "everywhere" ? signOutEverywhere() : signOutHere())}
        >
          {signingOut === "everywhere" ? t("messenger.signOutEverywhereText") : t("messenger.signOutText")}
        </ConfirmDialog>
        <ShortcutsDialog open={shortcutsOpen} onClose={() => setShortcutsOpen(false)} />
        <MentionToast
          onOpen={(id) => {
            setLeft("chats");
            openChat(id);
          }}
        />
      </div>
    </div>
  );
}
