"use client";

import { useState } from "react";
import { useTranslations } from "use-intl";
import type { GroupInfo } from "@/lib/contracts/groups";
import type { PublicUser } from "@/lib/contracts/users";
import { FormAlert } from "../auth/form-alert";
import { useMessagingEngine } from "../chat/use-messaging";
import { PeopleList } from "../shell/people-list";
import { SearchBox } from "../shell/search-box";
import { useUserSearch } from "../shell/use-user-search";
import { useAction } from "../ui/use-action";
import { SidePane } from "./side-pane";

/** Picks someone who isn't in the group yet and adds them; back to the group info when done. */
export function AddParticipant({ info, onDone }: { info: GroupInfo; onDone: () => void }) {
  const t = useTranslations("groups");
  const engine = useMessagingEngine();
  const [query, setQuery] = useState("");
  const search = useUserSearch(query);
  const { busy, error, run } = useAction();
  const members = new Set(info.members.map((m) => m.user.id));
  const candidates = search.users.filter((u) => !members.has(u.id));

  async function add(user: PublicUser) {
    if (busy === null && (await run(user.id, () => engine.groups.addMember(info.id, user.id)))) onDone();
  }

  return (
    <SidePane label={t("addParticipant")} title={t("addParticipant")} closeLabel={t("add.back")} onClose={onDone}>
      <SearchBox label={t("searchPeople")} value={query} onChange={setQuery} />
      <div className="bg-panel">
        <div className="px-6 pt-2 empty:hidden">
          <FormAlert message={error} />
        </div>
        <PeopleList
          label={t("add.people")}
          users={candidates}
          loading={search.loading || busy !== null}
          error={search.error}
          empty={query.trim() ? t("add.noneFound", { query: query.trim() }) : t("add.everyoneIn")}
          onOpen={(user) => void add(user)}
        />
      </div>
    </SidePane>
  );
}
