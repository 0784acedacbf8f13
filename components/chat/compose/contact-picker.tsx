"use client";

import { Search } from "lucide-react";
import { type KeyboardEvent, type ReactNode, useEffect, useId, useRef, useState } from "react";
import { useTranslations } from "use-intl";
import { nobodyYet } from "@/lib/client/people-search";
import type { PublicUser } from "@/lib/contracts/users";
import { useUserSearch } from "../../shell/use-user-search";
import { Avatar } from "../../ui/avatar";
import { Button } from "../../ui/button";
import { Spinner } from "../../ui/spinner";

/** Pick someone on this server to share as a contact card (never `me`, the signed-in user's id). */
export function ContactPicker({
  open,
  me,
  onClose,
  onPick,
}: {
  open: boolean;
  me: string;
  onClose: () => void;
  onPick: (user: PublicUser) => void;
}) {
  const t = useTranslations("compose");
  const tPeople = useTranslations("system.people");
  const dialog = useRef<HTMLDialogElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const search = useRef<HTMLInputElement>(null);
  const isOpen = useRef(open);
  const titleId = useId();
  const itemId = useId();
  const [query, setQuery] = useState("");
  const { users, loading, error } = useUserSearch(query, open);
  const people = users.filter((u) => u.id !== me);

  useEffect(() => {
    const el = dialog.current;
    isOpen.current = open;
    if (open) {
      setQuery("");
      if (!el?.open) el?.showModal();
    } else if (el?.open) el.close();
  }, [open]);

  /** Arrow keys move between the search box and the results. */
  function move(from: HTMLElement, step: 1 | -1 | "first" | "last") {
    const buttons = [...(list.current?.querySelectorAll<HTMLButtonElement>("button") ?? [])];
    if (buttons.length === 0) return;
    const at = buttons.indexOf(from as HTMLButtonElement);
    let next: HTMLElement | undefined;
    if (step === "first") next = buttons[0];
    else if (step === "last") next = buttons[buttons.length - 1];
    else if (at === -1) next = step === 1 ? buttons[0] : undefined;
    else next = at + step < 0 ? (search.current ?? undefined) : buttons[Math.min(at + step, buttons.length - 1)];
    next?.focus();
  }

  function onSearchKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    // Enter must not submit the composer's form this dialog sits in; it moves to the results instead.
    if ((event.key === "Enter" && !event.nativeEvent.isComposing) || event.key === "ArrowDown") {
      event.preventDefault();
      move(event.currentTarget, 1);
    }
  }

  function onListKeyDown(event: KeyboardEvent<HTMLUListElement>) {
    const target = event.target as HTMLElement;
    const step = { ArrowDown: 1, ArrowUp: -1, Home: "first", End: "last" }[event.key] as 1 | -1 | "first" | "last" | undefined;
    if (step === undefined) return;
    event.preventDefault();
    move(target, step);
  }

  let body: ReactNode;
  if (error) {
    body = (
      <p role="alert" className="px-6 py-4 text-sm text-danger">
        {error}
      </p>
    );
  } else if (loading && people.length === 0) {
    body = (
      <div className="flex justify-center py-8 text-brand">
        <Spinner label={t("contactPicker.searching")} />
      </div>
    );
  } else if (people.length === 0) {
    body = (
      <p className="px-6 py-8 text-center text-sm text-ink-muted">
        {query.trim() ? t("contactPicker.noResults", { query: query.trim() }) : nobodyYet(tPeople)}
      </p>
    );
  } else {
    body = (
      <ul
        ref={list}
        aria-label={t("contactPicker.list")}
        aria-busy={loading || undefined}
        onKeyDown={onListKeyDown}
        className="flex flex-col"
      >
        {people.map((u) => (
          <li key={u.id}>
            <button
              type="button"
              onClick={() => onPick(u)}
              aria-labelledby={`${itemId}-${u.id}-name`}
              aria-describedby={`${itemId}-${u.id}-line`}
              className="flex w-full items-center gap-3 px-4 text-start transition-colors hover:bg-hover focus-visible:bg-hover"
            >
              <Avatar src={u.avatarUrl} name={u.displayName} />
              <span className="flex min-w-0 flex-1 flex-col border-b border-line py-3">
                <span id={`${itemId}-${u.id}-name`} className="truncate text-[17px] text-ink">
                  {u.displayName}
                </span>
                <span id={`${itemId}-${u.id}-line`} className="truncate text-sm text-ink-muted">
                  <bdi>{u.about || `@${u.username}`}</bdi>
                </span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    );
  }

  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      onClose={() => isOpen.current && onClose()}
      className="m-auto w-[min(92vw,440px)] overflow-hidden rounded-lg bg-panel p-0 text-ink shadow-xl backdrop:bg-black/40 dark:backdrop:bg-black/60"
    >
      <div className="flex max-h-[min(80vh,620px)] flex-col">
        <h2 id={titleId} className="bg-panel-header px-6 py-4 text-lg text-ink">
          {t("contactPicker.title")}
        </h2>
        <div className="border-b border-line bg-panel px-3 py-2">
          <div className="flex h-9 items-center gap-3 rounded-lg bg-field px-3 text-ink-muted focus-within:text-brand">
            <Search aria-hidden className="size-4 shrink-0" />
            <input
              ref={search}
              type="text"
              enterKeyHint="search"
              autoComplete="off"
              aria-label={t("contactPicker.search")}
              placeholder={t("contactPicker.search")}
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              onKeyDown={onSearchKeyDown}
              className="h-full min-w-0 flex-1 bg-transparent text-sm text-ink outline-none placeholder:text-ink-muted"
            />
          </div>
        </div>
        <div className="min-h-40 flex-1 overflow-y-auto">{body}</div>
        <div className="flex justify-end border-t border-line px-6 py-3">
          <Button variant="plain" onClick={onClose}>
            {t("cancel")}
          </Button>
        </div>
      </div>
    </dialog>
  );
}
