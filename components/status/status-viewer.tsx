"use client";

import { ChevronLeft, ChevronRight, Eye, Pause, Play, Trash2, X } from "lucide-react";
import { type KeyboardEvent, type MouseEvent, useEffect, useEffectEvent, useRef, useState } from "react";
import { useTranslations } from "use-intl";
import { useTimeFormat } from "@/components/i18n/use-time-format";
import { STATUS_SHOW_MS, type Status, type StatusViewer as Viewer } from "@/lib/contracts/status";
import type { PublicUser } from "@/lib/contracts/users";
import { Avatar } from "../ui/avatar";
import { IconButton } from "../ui/icon-button";
import { ReplyBox } from "./reply-box";
import { StatusContent } from "./status-content";
import { ViewerList } from "./viewer-list";

/** One person's statuses as the viewer plays them. */
export interface StatusReel {
  user: PublicUser;
  statuses: Status[];
}

/**
 * Statuses full screen, one person after another: segmented bars fill for 5 s (a video: its own length),
 * then the next one shows. Previous / Next (buttons, the left and right halves, the arrow keys), Pause /
 * Play, Escape or Close. Someone else's status is recorded as seen when it shows and can be answered;
 * my own show who saw them.
 */
export function StatusViewer({
  reels,
  start,
  me,
  viewers,
  onSeen,
  onLoadViewers,
  onReply,
  onDelete,
  hold = false,
  onClose,
}: {
  reels: StatusReel[];
  start: { reel: number; index: number };
  me: string;
  /** Who saw each of my statuses, when loaded. */
  viewers: Record<string, Viewer[]>;
  onSeen: (status: Status) => void;
  onLoadViewers: (statusId: string) => void;
  /** Sends a reply to the status's poster; rejects with the reason. */
  onReply: (status: Status, text: string) => Promise<void>;
  /** Asks to delete one of my statuses (the viewer holds while `hold`, e.g. the question is open). */
  onDelete: (status: Status) => void;
  hold?: boolean;
  onClose: () => void;
}) {
  const t = useTranslations("status");
  const time = useTimeFormat();
  const dialog = useRef<HTMLDialogElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  const [at, setAt] = useState(start);
  const [elapsed, setElapsed] = useState(0);
  const [videoMs, setVideoMs] = useState<number | null>(null);
  const [paused, setPaused] = useState(false);
  /** Held while I type a reply or read the viewer list, as in WhatsApp. */
  const [held, setHeld] = useState(false);
  const [listOpen, setListOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const reel = reels[at.reel];
  const status = reel?.statuses[at.index];
  const mine = status?.userId === me;
  const duration = status?.kind === "video" ? videoMs : STATUS_SHOW_MS;
  const running = !paused && !held && !listOpen && !hold;

  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
  }, []);

  const next = () => {
    if (!reel) return;
    if (at.index + 1 < reel.statuses.length) setAt({ reel: at.reel, index: at.index + 1 });
    else if (at.reel + 1 < reels.length) setAt({ reel: at.reel + 1, index: 0 });
    else dialog.current?.close();
  };
  const timeUp = useEffectEvent(next);
  const previous = () => {
    if (at.index > 0) setAt({ reel: at.reel, index: at.index - 1 });
    else if (at.reel > 0) setAt({ reel: at.reel - 1, index: 0 });
    else {
      setElapsed(0);
      if (video.current) video.current.currentTime = 0;
    }
  };

  // A status that went away while shown (deleted, expired): on to the next, or close when none is left.
  useEffect(() => {
    if (!status) {
      if (reels.length && at.reel < reels.length) setAt({ reel: at.reel, index: Math.max(0, (reel?.statuses.length ?? 1) - 1) });
      else dialog.current?.close();
    }
  }, [status, reel, reels.length, at.reel]);

  const statusId = status?.id;
  const seen = useEffectEvent((s: Status) => {
    if (s.userId !== me && !s.viewed) onSeen(s);
    if (s.userId === me) onLoadViewers(s.id);
  });
  // Only a new status restarts the bar and counts as seen.
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the status's id on purpose.
  useEffect(() => {
    setElapsed(0);
    setVideoMs(null);
    setListOpen(false);
    setNotice(null);
    if (status) seen(status);
  }, [statusId]);

  // Text and photos: the bar fills over 5 s, from where it stood when paused.
  const elapsedRef = useRef(0);
  elapsedRef.current = elapsed;
  useEffect(() => {
    if (!running || duration === null || status?.kind === "video") return;
    const began = performance.now() - elapsedRef.current;
    let frame = requestAnimationFrame(function tick() {
      const e = performance.now() - began;
      if (e >= duration) return timeUp();
      setElapsed(e);
      frame = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(frame);
  }, [running, duration, status?.kind]);

  // A video plays while running (its own clock drives the bar).
  useEffect(() => {
    const v = video.current;
    if (!v) return;
    if (running) void v.play().catch(() => {});
    else v.pause();
  }, [running]);

  const keys = (e: KeyboardEvent) => {
    if (e.target instanceof HTMLInputElement) return;
    if (e.key === "ArrowRight") next();
    else if (e.key === "ArrowLeft") previous();
    else return;
    e.preventDefault();
  };
  // The left and right halves go back and forward (keyboard users have the buttons and arrow keys).
  const tap = (e: MouseEvent<HTMLDivElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    if (e.clientX - box.left < box.width / 2) previous();
    else next();
  };

  const send = async (text: string) => {
    if (!status) return;
    try {
      await onReply(status, text);
      setNotice(t("viewer.replySent"));
    } catch (e) {
      setNotice((e as Error).message);
      throw e;
    }
  };

  const fraction = duration ? Math.min(1, elapsed / duration) : 0;
  const count = status ? (viewers[status.id]?.length ?? status.viewCount) : 0;

  return (
    <dialog
      ref={dialog}
      aria-label={reel ? (mine ? t("viewer.labelMine") : t("viewer.label", { name: reel.user.displayName })) : t("panel.title")}
      onClose={onClose}
      onKeyDown={keys}
      className="m-0 h-dvh max-h-none w-screen max-w-none overflow-hidden bg-[#0b141a] p-0 text-white backdrop:bg-[#0b141a] open:flex open:flex-col"
    >
      {reel && status && (
        <div className="relative mx-auto flex size-full max-w-[min(100vw,calc(100dvh*0.62))] flex-col md:py-3">
          <div className="absolute inset-x-0 top-0 z-10 flex flex-col gap-2 bg-gradient-to-b from-black/60 to-transparent px-3 pt-3 pb-6 md:top-3">
            <div
              className="flex gap-1"
              role="progressbar"
              aria-label={t("viewer.progress")}
              aria-valuemin={1}
              aria-valuemax={reel.statuses.length}
              aria-valuenow={at.index + 1}
              aria-valuetext={t("viewer.progressValue", { index: at.index + 1, count: reel.statuses.length })}
            >
              {reel.statuses.map((s, i) => (
                <span key={s.id} className="h-[3px] flex-1 overflow-hidden rounded-full bg-white/35">
                  <span className="block h-full bg-white" style={{ width: `${i < at.index ? 100 : i > at.index ? 0 : fraction * 100}%` }} />
                </span>
              ))}
            </div>
            <div className="flex items-center gap-3">
              <Avatar src={reel.user.avatarUrl} name={reel.user.displayName} size="sm" />
              <div className="min-w-0 flex-1">
                <p className="truncate text-[15px] font-medium">{mine ? t("panel.myStatus") : reel.user.displayName}</p>
                <p className="text-xs text-white/75">{time.dayTime(new Date(status.createdAt), new Date())}</p>
              </div>
              <IconButton
                label={paused ? t("viewer.play") : t("viewer.pause")}
                onClick={() => setPaused((p) => !p)}
                className="text-white hover:bg-white/15!"
              >
                {paused ? <Play aria-hidden className="size-5" /> : <Pause aria-hidden className="size-5" />}
              </IconButton>
              {mine && (
                <IconButton label={t("panel.delete")} onClick={() => onDelete(status)} className="text-white hover:bg-white/15!">
                  <Trash2 aria-hidden className="size-5" />
                </IconButton>
              )}
              <IconButton label={t("viewer.close")} onClick={() => dialog.current?.close()} className="text-white hover:bg-white/15!">
                <X aria-hidden className="size-6" />
              </IconButton>
            </div>
          </div>

          {/* biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/noStaticElementInteractions: a pointer shortcut; the Previous / Next buttons and arrow keys do the same. */}
          <div className="min-h-0 flex-1 overflow-hidden md:rounded-lg" onClick={tap}>
            <StatusContent
              key={status.id}
              status={status}
              videoRef={video}
              onVideoReady={(seconds) => setVideoMs(Number.isFinite(seconds) ? seconds * 1000 : STATUS_SHOW_MS)}
              onVideoTime={(seconds) => setElapsed(seconds * 1000)}
              onVideoEnded={next}
            />
          </div>

          <IconButton
            label={t("viewer.previous")}
            onClick={previous}
            className="absolute top-1/2 start-1 z-10 -translate-y-1/2 bg-black/30 text-white hover:bg-black/50! md:-start-16 md:size-12"
          >
            <ChevronLeft aria-hidden className="size-7" />
          </IconButton>
          <IconButton
            label={t("viewer.next")}
            onClick={next}
            className="absolute top-1/2 end-1 z-10 -translate-y-1/2 bg-black/30 text-white hover:bg-black/50! md:-end-16 md:size-12"
          >
            <ChevronRight aria-hidden className="size-7" />
          </IconButton>

          <div className="absolute inset-x-0 bottom-0 z-10 flex flex-col items-center gap-2 px-3 pt-6 pb-4 md:bottom-3">
            {notice && (
              <p role="status" className="rounded-full bg-black/60 px-3 py-1 text-sm">
                {notice}
              </p>
            )}
            {mine ? (
              <>
                <button
                  type="button"
                  aria-expanded={listOpen}
                  onClick={() => setListOpen((o) => !o)}
                  className="flex items-center gap-2 rounded-full bg-black/40 px-4 py-2 text-sm hover:bg-black/60"
                >
                  <Eye aria-hidden className="size-4" />
                  {t("viewer.viewedBy", { count })}
                </button>
                {listOpen && (
                  <div className="max-h-[45dvh] w-full overflow-y-auto rounded-lg bg-panel text-ink shadow-xl">
                    <ViewerList viewers={viewers[status.id]} />
                  </div>
                )}
              </>
            ) : (
              <ReplyBox to={reel.user.displayName} onSend={send} onHold={setHeld} />
            )}
          </div>
        </div>
      )}
    </dialog>
  );
}
