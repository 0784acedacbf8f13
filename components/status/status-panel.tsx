"use client";

import { Eye, Image as ImageIcon, Pencil, Plus, Trash2 } from "lucide-react";
import { useId, useRef, useState } from "react";
import { useTranslations } from "use-intl";
import { useTimeFormat } from "@/components/i18n/use-time-format";
import { usePointer } from "@/components/ui/use-pointer";
import { request } from "@/lib/api-client";
import type { StatusDraft } from "@/lib/client/e2ee/status-sealing";
import { draftType } from "@/lib/client/message-preview";
import { statusLine } from "@/lib/client/status-style";
import { PLAYABLE } from "@/lib/contracts/media";
import type { Status } from "@/lib/contracts/status";
import type { PublicUser } from "@/lib/contracts/users";
import { useMessagingEngine } from "../chat/use-messaging";
import { Menu } from "../shell/menu";
import { Avatar } from "../ui/avatar";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { IconButton } from "../ui/icon-button";
import { Spinner } from "../ui/spinner";
import { StatusComposer } from "./status-composer";
import { useStatusFeed } from "./status-provider";
import { StatusRing } from "./status-ring";
import { StatusThumb } from "./status-thumb";
import { type StatusReel, StatusViewer } from "./status-viewer";
import { ViewerList } from "./viewer-list";

/**
 * The Status tab: "My status" (add one, or watch mine with who saw each), then contacts' updates as
 * rings, "Recent updates" (something unseen) before "Viewed updates". A row opens the full-screen viewer,
 * which plays on through the people after it.
 */
export function StatusPanel({ me }: { me: PublicUser }) {
  const t = useTranslations("status");
  const tStatus = useTranslations("system.status");
  const time = useTimeFormat();
  const { loaded, error, mine, updates, viewers, store } = useStatusFeed();
  const pointer = usePointer();
  const engine = useMessagingEngine();
  const [composer, setComposer] = useState<{ id: string; media: { kind: "image" | "video"; file: File } | null } | null>(null);
  const [playing, setPlaying] = useState<{ owners: string[]; start: { reel: number; index: number } } | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Status | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const picker = useRef<HTMLInputElement>(null);
  const myStatusHint = useId();

  const recent = updates.filter((u) => !u.allViewed);
  const viewed = updates.filter((u) => u.allViewed);
  // The viewer follows the live feed (a status deleted or expired while shown drops out), in the order it opened with.
  const reels: StatusReel[] = (playing?.owners ?? []).flatMap((id) => {
    if (id === me.id) return mine.length ? [{ user: me, statuses: mine }] : [];
    const update = updates.find((u) => u.user.id === id);
    return update ? [update] : [];
  });

  const play = (owners: string[], reel: number, index = 0) => setPlaying({ owners, start: { reel, index } });
  const playUpdates = (list: typeof updates, i: number) =>
    play(
      list.map((u) => u.user.id),
      i,
      Math.max(
        0,
        list[i].statuses.findIndex((s) => !s.viewed),
      ),
    );
  const pick = (file: File | undefined) => {
    if (!file) return;
    const kind = draftType(file);
    if (kind !== "image" && kind !== "video")
      return setProblem(t("panel.notMedia", { photoTypes: PLAYABLE.image.named, videoTypes: PLAYABLE.video.named }));
    setProblem(null);
    setComposer({ id: crypto.randomUUID(), media: { kind, file } });
  };

  const post = async (id: string, draft: StatusDraft, progress: (fraction: number) => void) => {
    const body = await engine.statuses.compose(id, draft, progress);
    const { status } = await request("POST /api/v1/statuses", { json: body });
    store.posted(status);
  };
  const seen = (status: Status) =>
    void request("POST /api/v1/statuses/:id/views", { params: { id: status.id } }).then(
      (v) => store.viewed(v),
      () => {},
    );
  const loadViewers = (statusId: string) =>
    void request("GET /api/v1/statuses/:id/views", { params: { id: statusId } }).then(
      ({ viewers }) => store.setViewers(statusId, viewers),
      () => {},
    );
  const reply = async (status: Status, text: string) => {
    await engine.replyToStatus(status, text);
  };
  const remove = async (status: Status) => {
    try {
      store.removed(await request("DELETE /api/v1/statuses/:id", { params: { id: status.id } }));
      setDeleting(null);
    } catch (e) {
      setProblem(t("panel.deleteFailed", { reason: (e as Error).message }));
      setDeleting(null);
    }
  };
  const toggleViewers = (statusId: string) => {
    if (open !== statusId) loadViewers(statusId);
    setOpen(open === statusId ? null : statusId);
  };

  const now = new Date();
  const latest = mine.at(-1);
  return (
    <section aria-label={t("panel.title")} className="flex min-h-0 flex-1 flex-col">
      <header className="flex h-[59px] shrink-0 items-center justify-between bg-panel-header px-4">
        <h2 className="text-[19px] font-medium text-ink">{t("panel.title")}</h2>
        <Menu
          label={t("panel.add")}
          trigger={<Plus aria-hidden className="size-5" />}
          items={[
            {
              label: t("panel.addText"),
              icon: Pencil,
              iconClass: "bg-[#7e57c2]",
              onSelect: () => setComposer({ id: crypto.randomUUID(), media: null }),
            },
            { label: t("panel.addMedia"), icon: ImageIcon, iconClass: "bg-[#007bfc]", onSelect: () => picker.current?.click() },
          ]}
        />
        <input
          ref={picker}
          type="file"
          accept={[...PLAYABLE.image.mimes, ...PLAYABLE.video.mimes].join(",")}
          aria-label={t("panel.mediaInput")}
          className="hidden"
          onChange={(e) => {
            pick(e.target.files?.[0]);
            e.target.value = "";
          }}
        />
      </header>
      {(problem || error) && (
        <p role="alert" className="bg-[#ffe4e8] px-4 py-3 text-sm text-[#111b21]">
          {problem ?? error}
        </p>
      )}
      <div className="min-h-0 flex-1 overflow-y-auto bg-panel">
        <div className="flex items-center gap-3 px-3 py-3">
          <button
            type="button"
            onClick={() => (mine.length ? play([me.id], 0) : setComposer({ id: crypto.randomUUID(), media: null }))}
            aria-label={t("panel.myStatus")}
            aria-describedby={myStatusHint}
            className="flex min-w-0 flex-1 items-center gap-4 rounded-lg px-1 py-1 text-start hover:bg-hover"
          >
            <span className="relative">
              {mine.length ? (
                <StatusRing seen={mine.map(() => false)}>
                  <Avatar src={me.avatarUrl} name={me.displayName} size="sm" />
                </StatusRing>
              ) : (
                <span className="flex size-12 items-center justify-center">
                  <Avatar src={me.avatarUrl} name={me.displayName} size="sm" />
                </span>
              )}
              {!mine.length && (
                <span className="absolute end-0 bottom-0 flex size-5 items-center justify-center rounded-full border-2 border-panel bg-brand text-white">
                  <Plus aria-hidden className="size-3" strokeWidth={3} />
                </span>
              )}
            </span>
            <span className="min-w-0">
              <span className="block text-[17px] text-ink">{t("panel.myStatus")}</span>
              <span id={myStatusHint} className="block truncate text-sm text-ink-muted">
                {latest ? time.dayTime(new Date(latest.createdAt), now) : t("panel.addHint", { pointer })}
              </span>
            </span>
          </button>
        </div>

        {mine.length > 0 && (
          <ul aria-label={t("panel.myUpdates")} className="border-b border-line pb-2">
            {mine.map((s, i) => (
              <li key={s.id} className="px-3">
                <div className="flex items-center gap-3 rounded-lg py-1.5 ps-4 pe-1">
                  <button
                    type="button"
                    onClick={() => play([me.id], 0, i)}
                    aria-label={t("panel.watchMine", { time: time.dayTime(new Date(s.createdAt), now) })}
                    className="shrink-0 rounded-md"
                  >
                    <StatusThumb status={s} />
                  </button>
                  <span className="min-w-0 flex-1">
                    <span className="block truncate text-[15px] text-ink">{statusLine(tStatus, s)}</span>
                    <span className="block text-xs text-ink-muted">{time.dayTime(new Date(s.createdAt), now)}</span>
                  </span>
                  <button
                    type="button"
                    aria-expanded={open === s.id}
                    onClick={() => toggleViewers(s.id)}
                    className="flex items-center gap-1 rounded-full px-2.5 py-1.5 text-sm text-ink-muted hover:bg-hover"
                  >
                    <Eye aria-hidden className="size-4" />
                    {t("panel.views", { count: s.viewCount })}
                  </button>
                  <IconButton label={t("panel.delete")} onClick={() => setDeleting(s)}>
                    <Trash2 aria-hidden className="size-[18px]" />
                  </IconButton>
                </div>
                {open === s.id && (
                  <div className="mb-2 ms-16 rounded-lg bg-panel-header">
                    <ViewerList viewers={viewers[s.id]} />
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}

        {!loaded && !error && (
          <div className="flex justify-center p-6 text-ink-muted">
            <Spinner label={t("panel.loading")} />
          </div>
        )}
        {[
          { id: "recent" as const, list: recent },
          { id: "viewed" as const, list: viewed },
        ].map(
          ({ id, list }) =>
            list.length > 0 && (
              <section key={id} aria-label={t(`panel.${id}`)}>
                <h3 className="px-6 pt-4 pb-2 text-sm uppercase text-brand-strong dark:text-brand">{t(`panel.${id}`)}</h3>
                <ul>
                  {list.map((u, i) => (
                    <li key={u.user.id}>
                      <button
                        type="button"
                        onClick={() => playUpdates(list, i)}
                        className="flex w-full items-center gap-4 px-4 py-2.5 text-start hover:bg-hover"
                      >
                        <StatusRing seen={u.statuses.map((s) => s.viewed)}>
                          <Avatar src={u.user.avatarUrl} name={u.user.displayName} size="sm" />
                        </StatusRing>
                        <span className="min-w-0 flex-1 border-b border-line pb-2.5">
                          <span className="block truncate text-[17px] text-ink">{u.user.displayName}</span>
                          <span className="block text-sm text-ink-muted">
                            {time.dayTime(new Date((u.statuses.at(-1) as Status).createdAt), now)}
                          </span>
                        </span>
                      </button>
                    </li>
                  ))}
                </ul>
              </section>
            ),
        )}
        {loaded && !updates.length && <p className="px-6 py-8 text-center text-sm leading-6 text-ink-muted">{t("panel.empty")}</p>}
      </div>

      {composer && (
        <StatusComposer
          media={composer.media}
          onPost={(draft, progress) => post(composer.id, draft, progress)}
          onClose={() => setComposer(null)}
        />
      )}
      {playing && (
        <StatusViewer
          reels={reels}
          start={playing.start}
          me={me.id}
          viewers={viewers}
          onSeen={seen}
          onLoadViewers={loadViewers}
          onReply={reply}
          onDelete={setDeleting}
          hold={deleting !== null}
          onClose={() => setPlaying(null)}
        />
      )}
      <ConfirmDialog
        open={deleting !== null}
        title={t("panel.deleteTitle")}
        confirmLabel={t("panel.deleteConfirm")}
        onConfirm={() => deleting && void remove(deleting)}
        onCancel={() => setDeleting(null)}
      >
        {t("panel.deleteBody")}
      </ConfirmDialog>
    </section>
  );
}
