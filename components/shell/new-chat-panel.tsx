"use client";

import { useState } from "react";
import { useTranslations } from "use-intl";
import { nobodyFound, nobodyYet } from "@/lib/client/people-search";
import type { PublicUser } from "@/lib/contracts/users";
import { PanelHeader } from "./panel-header";
import { PeopleList } from "./people-list";
import { SearchBox } from "./search-box";
import { useUserSearch } from "./use-user-search";

export function NewChatPanel({ onBack, onOpenUser }: { onBack: () => void; onOpenUser: (user: PublicUser) => void }) {
  const t = useTranslations("shell");
  const tPeople = useTranslations("system.people");
  const [query, setQuery] = useState("");
  const search = useUserSearch(query);
  return (
    <div className="flex h-full flex-col animate-slide-in">
      <PanelHeader title={t("newChat")} onBack={onBack} />
      <SearchBox label={t("newChatPanel.search")} value={query} onChange={setQuery} />
      <div className="min-h-0 flex-1 overflow-y-auto bg-panel">
        <h3 className="px-6 pb-2 pt-4 text-sm uppercase text-brand-strong dark:text-brand">{t("newChatPanel.onServer")}</h3>
        <PeopleList label={t("people")} {...search} empty={query ? nobodyFound(tPeople, query) : nobodyYet(tPeople)} onOpen={onOpenUser} />
      </div>
    </div>
  );
}
