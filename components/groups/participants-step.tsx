"use client";

import { ArrowRight, X } from "lucide-react";
import { useState } from "react";
import { useTranslations } from "use-intl";
import { nobodyFound, nobodyYet } from "@/lib/client/people-search";
import type { PublicUser } from "@/lib/contracts/users";
import { PanelHeader } from "../shell/panel-header";
import { SearchBox } from "../shell/search-box";
import { useUserSearch } from "../shell/use-user-search";
import { Avatar } from "../ui/avatar";
import { Spinner } from "../ui/spinner";

/** First step of a new group: a searchable list of people to tick, the chosen ones shown as chips. */
export function ParticipantsStep({
  selected,
  onChange,
  onBack,
  onNext,
}: {
  selected: PublicUser[];
  onChange: (selected: PublicUser[]) => void;
  onBack: () => void;
  onNext: () => void;
}) {
  const t = useTranslations("groups");
  const tPeople = useTranslations("system.people");
  const [query, setQuery] = useState("");
  const { users, loading, error } = useUserSearch(query);
  const chosen = new Set(selected.map((u) => u.id));
  const toggle = (user: PublicUser) => onChange(chosen.has(user.id) ? selected.filter((u) => u.id !== user.id) : [...selected, user]);

  return (
    <div className="relative flex h-full flex-col animate-slide-in">
      <PanelHeader title={t("participants.title")} onBack={onBack} />
      {selected.length > 0 && (
        <ul aria-label={t("participants.selected")} className="flex max-h-36 flex-wrap gap-2 overflow-y-auto bg-panel px-5 pt-4 pb-2">
          {selected.map((u) => (
            <li key={u.id} className="flex items-center gap-1.5 rounded-full bg-field py-0.5 pe-1 ps-0.5 text-sm text-ink">
              <Avatar src={u.avatarUrl} name={u.displayName} size="xs" />
              <span className="max-w-40 truncate">{u.displayName}</span>
              <button
                type="button"
                aria-label={t("participants.remove", { name: u.displayName })}
                onClick={() => toggle(u)}
                className="rounded-full p-0.5 text-ink-muted hover:bg-black/10 dark:hover:bg-white/10"
              >
                <X aria-hidden className="size-4" />
              </button>
            </li>
          ))}
        </ul>
      )}
      <SearchBox label={t("searchPeople")} value={query} onChange={setQuery} />
      <div className="min-h-0 flex-1 overflow-y-auto bg-panel">
        {error ? (
          <p role="alert" className="px-6 py-4 text-sm text-danger">
            {error}
          </p>
        ) : loading && users.length === 0 ? (
          <div className="flex justify-center py-8 text-brand">
            <Spinner label={t("participants.loading")} />
          </div>
        ) : users.length === 0 ? (
          <p className="px-6 py-8 text-center text-sm text-ink-muted">{query.trim() ? nobodyFound(tPeople, query) : nobodyYet(tPeople)}</p>
        ) : (
          <ul aria-label={t("participants.people")} className="flex flex-col">
            {users.map((u) => (
              <li key={u.id}>
                <label className="flex cursor-pointer items-center gap-3 px-3 hover:bg-hover has-focus-visible:bg-hover">
                  <Avatar src={u.avatarUrl} name={u.displayName} />
                  <span className="flex min-w-0 flex-1 items-center gap-3 border-b border-line py-3">
                    <span className="flex min-w-0 flex-1 flex-col">
                      <span className="truncate text-[17px] text-ink">{u.displayName}</span>
                      <span className="truncate text-sm text-ink-muted">
                        <bdi>{u.about || `@${u.username}`}</bdi>
                      </span>
                    </span>
                    <input
                      type="checkbox"
                      aria-label={u.displayName}
                      checked={chosen.has(u.id)}
                      onChange={() => toggle(u)}
                      className="me-2 size-4.5 accent-brand-strong"
                    />
                  </span>
                </label>
              </li>
            ))}
          </ul>
        )}
      </div>
      {/* A solid footer below the list (not over it): the rows never show through. */}
      <div className="flex shrink-0 items-center justify-between gap-3 border-t border-line bg-panel-header px-6 py-4">
        <p className="text-sm text-ink-muted" aria-live="polite">
          {selected.length === 0 ? t("participants.none") : t("participants.count", { count: selected.length })}
        </p>
        <button
          type="button"
          aria-label={t("participants.next")}
          title={t("participants.next")}
          onClick={onNext}
          className="flex size-12 shrink-0 items-center justify-center rounded-full bg-brand text-white shadow-md hover:bg-brand-strong dark:text-[#111b21]"
        >
          <ArrowRight aria-hidden className="size-6" />
        </button>
      </div>
    </div>
  );
}
