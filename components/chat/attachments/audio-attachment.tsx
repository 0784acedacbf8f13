"use client";

import { Headphones, Mic, Pause, Play } from "lucide-react";
import { type CSSProperties, type KeyboardEvent, useEffect, useRef, useState } from "react";
import { useLocale, useTranslations } from "use-intl";
import { fileSizeLabel, mediaUrl } from "@/lib/client/media-format";
import type { MessageFile } from "@/lib/contracts/messaging";
import { durationLabel } from "@/lib/shared/duration";
import { type PendingUpload, UploadProgress } from "./upload-progress";

/** The one voice note, audio or video playing on the page: starting another pauses it. */
let nowPlaying: HTMLMediaElement | null = null;

/** Call when `el` starts playing: whatever else was playing pauses. */
export function claimPlayback(el: HTMLMediaElement) {
  if (nowPlaying && nowPlaying !== el && !nowPlaying.paused) nowPlaying.pause();
  nowPlaying = el;
}

/** A duration the element knows for sure (not NaN before metadata, not Chromium's Infinity for recorded WebM). */
const known = (seconds: number) => Number.isFinite(seconds) && seconds > 0;

/** A voice note's playback speeds, as WhatsApp's pill cycles them. */
const SPEEDS = [1, 1.5, 2] as const;

/** How far the arrow keys move the playback position. */
const KEY_STEP_SECONDS = 5;

/**
 * A voice note or audio file, WhatsApp style: a round mic (voice) or headphones (audio) badge, a play /
 * pause button, a thin seekable bar ("Playback position"), or the sound's bars when its `waveform` is known
 * (the bar itself then lies over them, seekable as before), and the time. Until the file's real length is
 * known the sender's measured `file.duration` is the total. The <audio> element itself is hidden.
 */
export function AudioAttachment({
  file,
  voice,
  mine,
  url,
  upload,
  waveform,
}: {
  file: MessageFile;
  /** A recorded voice note (else an audio file, which shows its name). */
  voice: boolean;
  mine: boolean;
  url?: string;
  upload?: PendingUpload;
  /** Loudness of equal stretches of the sound, 0-100 (from the sender's device). */
  waveform?: readonly number[];
}) {
  const t = useTranslations("attachments.audio");
  const locale = useLocale();
  const audio = useRef<HTMLAudioElement>(null);
  const [playing, setPlaying] = useState(false);
  const [position, setPosition] = useState(0);
  const [length, setLength] = useState<number | null>(null);
  const [failed, setFailed] = useState(false);
  const [speed, setSpeed] = useState<(typeof SPEEDS)[number]>(1);
  /** Set while asking Chromium for the length of a recording it reports as Infinity (see onLoadedMetadata). */
  const probing = useRef(false);

  const total = Math.max(length ?? file.duration ?? 0, position);
  const started = playing || position > 0;
  const kind = voice ? "voice" : "audio";

  // Follow the position smoothly while playing (timeupdate alone is 4 steps a second).
  useEffect(() => {
    const el = audio.current;
    if (!playing || !el) return;
    let frame = requestAnimationFrame(function tick() {
      setPosition(el.currentTime);
      frame = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(frame);
  }, [playing]);

  // Unmounted while playing (scrolled away, chat closed): the page no longer has a player to pause.
  useEffect(() => {
    const el = audio.current;
    return () => {
      if (nowPlaying === el) nowPlaying = null;
    };
  }, []);

  const noteLength = (el: HTMLAudioElement) => {
    if (known(el.duration)) setLength(el.duration);
  };

  const toggle = () => {
    const el = audio.current;
    if (!el) return;
    if (!el.paused) {
      el.pause();
      return;
    }
    setFailed(false);
    el.play().catch((err: unknown) => {
      // AbortError: a pause or a new source interrupted the start; that's not a failure.
      if (!(err instanceof DOMException && err.name === "AbortError")) setFailed(true);
    });
  };

  const seek = (seconds: number) => {
    const el = audio.current;
    const to = Math.min(Math.max(0, seconds), total || 0);
    if (el) el.currentTime = to;
    setPosition(to);
  };

  const keys = (e: KeyboardEvent<HTMLInputElement>) => {
    const step = Math.min(KEY_STEP_SECONDS, Math.max(1, total / 10));
    const moves: Record<string, number> = {
      ArrowLeft: position - step,
      ArrowDown: position - step,
      ArrowRight: position + step,
      ArrowUp: position + step,
      PageDown: position - step * 2,
      PageUp: position + step * 2,
      Home: 0,
      End: total,
    };
    if (!(e.key in moves)) return;
    e.preventDefault();
    seek(moves[e.key]);
  };

  const percent = total > 0 ? Math.min(100, (position / total) * 100) : 0;
  const colors = mine
    ? "[--fill:#008069] [--rest:rgba(0,0,0,0.14)] dark:[--fill:#25d366] dark:[--rest:rgba(255,255,255,0.22)]"
    : "[--fill:#00a884] [--rest:rgba(0,0,0,0.12)] dark:[--fill:#00a884] dark:[--rest:rgba(255,255,255,0.2)]";
  const Badge = voice ? Mic : Headphones;

  return (
    <div className="flex w-[280px] max-w-full items-center gap-2 py-1">
      {voice && started ? (
        // Once a voice note plays, its badge becomes the speed pill: 1x, 1.5x, 2x.
        <span className="flex size-12 shrink-0 items-center justify-center">
          <button
            type="button"
            aria-label={t("speedLabel", { speed })}
            title={t("speed")}
            onClick={() => {
              const next = SPEEDS[(SPEEDS.indexOf(speed) + 1) % SPEEDS.length];
              setSpeed(next);
              if (audio.current) audio.current.playbackRate = next;
            }}
            className="rounded-full bg-[#54656f] px-2 py-0.5 text-xs font-semibold text-white tabular-nums hover:opacity-90 dark:bg-[#aebac1] dark:text-[#111b21]"
          >
            {speed}×
          </button>
        </span>
      ) : (
        <span
          aria-hidden
          className={`flex size-12 shrink-0 items-center justify-center rounded-full text-white ${voice ? "bg-brand" : "bg-[#f59e0b] dark:bg-[#d97706]"}`}
        >
          <Badge className="size-6" strokeWidth={voice ? 2 : 1.75} />
        </span>
      )}
      {upload ? (
        <UploadProgress {...upload} />
      ) : (
        <button
          type="button"
          aria-label={playing ? t("pause", { kind }) : t("play", { kind })}
          title={playing ? t("pause", { kind }) : t("play", { kind })}
          onClick={toggle}
          className="flex size-9 shrink-0 items-center justify-center rounded-full text-[#54656f] transition-colors hover:bg-black/5 dark:text-[#aebac1] dark:hover:bg-white/10"
        >
          {playing ? (
            <Pause aria-hidden className="size-6 fill-current" strokeWidth={0} />
          ) : (
            <Play aria-hidden className="ms-0.5 size-6 fill-current" strokeWidth={0} />
          )}
        </button>
      )}
      <div className="min-w-0 flex-1">
        {!voice && (
          <p className="truncate text-[13.5px] leading-5 text-ink" title={file.fileName}>
            {file.fileName}
          </p>
        )}
        <div className="relative">
          {waveform && waveform.length > 0 && (
            <span aria-hidden data-waveform className="pointer-events-none absolute inset-x-0 -top-1 flex h-6 items-center gap-[2px]">
              {waveform.map((level, i) => (
                <span
                  // biome-ignore lint/suspicious/noArrayIndexKey: the bars are positions in time, fixed for the file.
                  key={i}
                  style={{ height: `${Math.max(12, level)}%` }}
                  className={`min-w-0 flex-1 rounded-full ${(i + 0.5) / waveform.length <= percent / 100 ? "bg-(--fill)" : "bg-(--rest)"} ${colors}`}
                />
              ))}
            </span>
          )}
          <input
            type="range"
            aria-label={t("position")}
            aria-valuetext={t("positionValue", { position: durationLabel(position), total: durationLabel(total) })}
            min={0}
            max={total || 1}
            step="any"
            value={Math.min(position, total || 1)}
            disabled={total <= 0 || !!upload}
            onChange={(e) => seek(Number(e.currentTarget.value))}
            onKeyDown={keys}
            style={{ "--pct": `${percent}%` } as CSSProperties}
            className={`relative block h-4 w-full cursor-pointer appearance-none bg-transparent disabled:cursor-default ${colors} [&::-webkit-slider-runnable-track]:h-1 [&::-webkit-slider-runnable-track]:rounded-full ${waveform?.length ? "[&::-webkit-slider-runnable-track]:bg-transparent" : "[&::-webkit-slider-runnable-track]:bg-[linear-gradient(to_right,var(--fill)_var(--pct),var(--rest)_var(--pct))]"} [&::-webkit-slider-thumb]:-mt-1 [&::-webkit-slider-thumb]:size-3 [&::-webkit-slider-thumb]:appearance-none [&::-webkit-slider-thumb]:rounded-full [&::-webkit-slider-thumb]:bg-(--fill) [&::-moz-range-track]:h-1 [&::-moz-range-track]:rounded-full [&::-moz-range-track]:bg-(--rest) [&::-moz-range-progress]:h-1 [&::-moz-range-progress]:rounded-full [&::-moz-range-progress]:bg-(--fill) [&::-moz-range-thumb]:size-3 [&::-moz-range-thumb]:rounded-full [&::-moz-range-thumb]:border-0 [&::-moz-range-thumb]:bg-(--fill)`}
          />
        </div>
        <p className="flex justify-between gap-2 text-[11px] leading-4 text-ink-muted tabular-nums dark:text-white/75">
          {failed ? (
            <span className="text-danger">{t("failed", { kind })}</span>
          ) : (
            <span>{started ? `${durationLabel(position)} / ${durationLabel(total)}` : durationLabel(total)}</span>
          )}
          {!voice && <span className="shrink-0">{fileSizeLabel(file.size, locale)}</span>}
        </p>
      </div>
      {/* biome-ignore lint/a11y/useMediaCaption: voice notes and shared audio come without caption tracks; the controls above drive it. */}
      <audio
        ref={audio}
        src={url ?? mediaUrl(file.fileId)}
        preload="metadata"
        className="hidden"
        onPlay={(e) => {
          claimPlayback(e.currentTarget);
          setPlaying(true);
        }}
        onPause={() => setPlaying(false)}
        onLoadedMetadata={(e) => {
          const el = e.currentTarget;
          noteLength(el);
          // Chromium reports Infinity for MediaRecorder WebM until it has read to the end. With no length from
          // the sender, seek far past the end once: it finds the real length, then we go back to the start.
          if (el.duration === Number.POSITIVE_INFINITY && file.duration === null) {
            probing.current = true;
            el.currentTime = Number.MAX_SAFE_INTEGER;
          }
        }}
        onDurationChange={(e) => noteLength(e.currentTarget)}
        onTimeUpdate={(e) => {
          const el = e.currentTarget;
          if (probing.current) {
            probing.current = false;
            noteLength(el);
            el.currentTime = 0;
            return;
          }
          if (el.paused) setPosition(el.currentTime);
        }}
        onEnded={(e) => {
          const el = e.currentTarget;
          noteLength(el);
          setPlaying(false);
          el.currentTime = 0;
          setPosition(0);
        }}
        onEmptied={() => {
          setPlaying(false);
          setPosition(0);
          setLength(null);
        }}
        onError={() => setFailed(true)}
      />
    </div>
  );
}
