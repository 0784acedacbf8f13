"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";
import { api } from "@/lib/api-client";
import type { PublicUser } from "@/lib/contracts/users";
import { ProfilePanel } from "../profile/profile-panel";
import { SocketProvider } from "../realtime/socket-provider";
import { useUserUpdates } from "../realtime/use-user-updates";
import { ChatsPanel } from "./chats-panel";
import { ContactPane } from "./contact-pane";
import { NewChatPanel } from "./new-chat-panel";
import { WelcomePane } from "./welcome-pane";

export function Messenger({ me }: { me: PublicUser }) {
  return (
    <SocketProvider>
      <Shell initialMe={me} />
    </SocketProvider>
  );
}

type LeftView = "chats" | "new-chat" | "profile";

function Shell({ initialMe }: { initialMe: PublicUser }) {
  const [me, setMe] = useState(initialMe);
  const [left, setLeft] = useState<LeftView>("chats");
  const [open, setOpen] = useState<PublicUser | null>(null);

  useUserUpdates((u) => {
    if (u.id === me.id) setMe(u);
    setOpen((current) => (current?.id === u.id ? u : current));
  });

  const openUser = (user: PublicUser) => {
    setOpen(user);
    setLeft("chats");
  };
  const signOutHere = () => void signOut({ callbackUrl: "/sign-in" });
  const signOutEverywhere = async () => {
    await api("/api/v1/auth/sessions", { method: "DELETE" }).catch(() => {});
    await signOut({ callbackUrl: "/sign-in" });
  };

  // On a phone one pane shows at a time: the list, or the open person with a Back button.
  return (
    <div className="h-dvh xl:px-[max(19px,calc((100vw-1600px)/2))] xl:py-[19px]">
      <div className="flex h-full overflow-hidden bg-panel shadow-lg">
        <aside
          aria-label="Chats and people"
          className={`${open ? "hidden md:flex" : "flex"} w-full flex-col border-r border-line md:w-[40%] md:min-w-[320px] lg:w-[30%]`}
        >
          {left === "profile" && <ProfilePanel me={me} onBack={() => setLeft("chats")} onChange={setMe} />}
          {left === "new-chat" && <NewChatPanel onBack={() => setLeft("chats")} onOpenUser={openUser} />}
          {left === "chats" && (
            <ChatsPanel
              me={me}
              onProfile={() => setLeft("profile")}
              onNewChat={() => setLeft("new-chat")}
              onOpenUser={openUser}
              onSignOut={signOutHere}
              onSignOutEverywhere={() => void signOutEverywhere()}
            />
          )}
        </aside>
        <main className={`${open ? "flex" : "hidden md:flex"} min-w-0 flex-1 flex-col`}>
          {open ? <ContactPane user={open} onBack={() => setOpen(null)} /> : <WelcomePane />}
        </main>
      </div>
    </div>
  );
}
