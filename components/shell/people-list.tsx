"use client";

import { useTranslations } from "use-intl";
import type { PublicUser } from "@/lib/contracts/users";
import { Avatar } from "../ui/avatar";
import { Spinner } from "../ui/spinner";

export function PeopleList({
  label,
  users,
  loading,
  error,
  empty,
  onOpen,
}: {
  label: string;
  users: PublicUser[];
  loading: boolean;
  error: string | null;
  empty: string;
  onOpen: (user: PublicUser) => void;
}) {
  const t = useTranslations("shell");
  if (error)
    return (
      <p role="alert" className="px-6 py-4 text-sm text-danger">
        {error}
      </p>
    );
  if (loading && users.length === 0) {
    return (
      <div className="flex justify-center py-8 text-brand">
        <Spinner label={t("peopleList.loading")} />
      </div>
    );
  }
  if (users.length === 0) return <p className="px-6 py-8 text-center text-sm text-ink-muted">{empty}</p>;
  return (
    <ul aria-label={label} className="flex flex-col">
      {users.map((u) => (
        <li key={u.id}>
          <button
            type="button"
            onClick={() => onOpen(u)}
            className="flex w-full items-center gap-3 px-3 text-start transition-colors hover:bg-hover focus-visible:bg-hover"
          >
            <Avatar src={u.avatarUrl} name={u.displayName} />
            <span className="flex min-w-0 flex-1 flex-col border-b border-line py-3">
              <span className="truncate text-[17px] text-ink">{u.displayName}</span>
              <span className="truncate text-sm text-ink-muted">
                <bdi>{u.about || `@${u.username}`}</bdi>
              </span>
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
