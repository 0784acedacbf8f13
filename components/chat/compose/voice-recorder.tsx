"use client";

import { Mic, SendHorizontal, Trash2 } from "lucide-react";
import { type KeyboardEvent, type PointerEvent as ReactPointerEvent, useCallback, useEffect, useRef, useState } from "react";
import { useTranslations } from "use-intl";
import { IconButton } from "../../ui/icon-button";

/** Pressing the mic this long turns the press into hold-to-record. */
const HOLD_MS = 350;
/** Releasing a held press this far (px) from where it started cancels instead of sending. */
const SLIDE_CANCEL_PX = 80;
/** The longest voice message: recording sends itself when it gets there. */
const MAX_SECONDS = 15 * 60;
/** Preferred recording formats, best first (the browser's default when none is supported). */
const MIME_TYPES = ["audio/webm;codecs=opus", "audio/ogg;codecs=opus"];
/** How long an error note stays up. */
const ERROR_MS = 6000;

type Status = "idle" | "starting" | "recording";
type Ending = "send" | "cancel";
/** What went wrong: keys of compose.voice.errors. */
type RecordError = "denied" | "noMicrophone" | "busy" | "startFailed" | "failed" | "empty" | "unsupported" | "insecure";

/** One recording, from asking for the microphone until its file is handed over (or dropped). */
interface Session {
  stream: MediaStream | null;
  recorder: MediaRecorder | null;
  chunks: Blob[];
  /** performance.now() when recording began and ended (the measured duration). */
  startedAt: number;
  stoppedAt: number;
  /** Date.now() at the start: names the file. */
  startedWall: number;
  ending: Ending | null;
  failed: boolean;
  done: boolean;
}

/** A press on the mic that may become hold-to-record. */
interface Press {
  pointerId: number;
  x: number;
  y: number;
  active: boolean;
  away: boolean;
  release: () => void;
}

function pickMimeType(): string | undefined {
  if (typeof MediaRecorder.isTypeSupported !== "function") return undefined;
  return MIME_TYPES.find((type) => MediaRecorder.isTypeSupported(type));
}

function extensionFor(mime: string): string {
  if (mime.includes("ogg")) return "ogg";
  if (mime.includes("mp4") || mime.includes("aac")) return "m4a";
  if (mime.includes("mpeg")) return "mp3";
  if (mime.includes("wav")) return "wav";
  return "webm";
}

function describeError(error: unknown): RecordError {
  const name = error instanceof Error || error instanceof DOMException ? error.name : "";
  if (name === "NotAllowedError" || name === "SecurityError") return "denied";
  if (name === "NotFoundError" || name === "OverconstrainedError") return "noMicrophone";
  if (name === "NotReadableError") return "busy";
  return "startFailed";
}

function stopTracks(stream: MediaStream | null) {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

function formatElapsed(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

/**
 * The composer's mic. Tap (or Enter / Space) to record, then send or cancel from the bar that replaces it;
 * or hold the pointer on it to record while held: release sends, release after sliding away cancels.
 */
export function VoiceRecorder({
  onRecorded,
  disabled = false,
  onRecordingChange,
}: {
  onRecorded: (file: File, durationSeconds: number) => void;
  disabled?: boolean;
  /** Told true while the recording bar shows (hide the text box then), false when it goes. */
  onRecordingChange?: (recording: boolean) => void;
}) {
  const t = useTranslations("compose.voice");
  const [status, setStatus] = useState<Status>("idle");
  const [elapsed, setElapsed] = useState(0);
  const [error, setError] = useState<RecordError | null>(null);
  /** While a hold is recording: whether the pointer has slid far enough away to cancel (null: no hold). */
  const [holdAway, setHoldAway] = useState<boolean | null>(null);

  const session = useRef<Session | null>(null);
  const press = useRef<Press | null>(null);
  const swallowClickUntil = useRef(0);
  const mounted = useRef(false);
  const micButton = useRef<HTMLButtonElement>(null);
  const sendButton = useRef<HTMLButtonElement>(null);
  const onRecordedRef = useRef(onRecorded);
  const onRecordingChangeRef = useRef(onRecordingChange);
  useEffect(() => {
    onRecordedRef.current = onRecorded;
    onRecordingChangeRef.current = onRecordingChange;
  });

  /** The recorder has stopped: release the microphone and hand over the file (or drop it). */
  const complete = useCallback((s: Session) => {
    if (s.done) return;
    s.done = true;
    stopTracks(s.stream);
    if (!mounted.current) return;
    if (s.failed) {
      setError("failed");
      return;
    }
    if (s.ending !== "send") return;
    const type = (s.recorder?.mimeType || s.chunks[0]?.type || "audio/webm").split(";")[0].trim() || "audio/webm";
    const blob = new Blob(s.chunks, { type });
    if (blob.size === 0) {
      setError("empty");
      return;
    }
    const seconds = Math.round(Math.max(0, (s.stoppedAt || performance.now()) - s.startedAt) / 100) / 10;
    onRecordedRef.current(new File([blob], `voice-${s.startedWall}.${extensionFor(type)}`, { type }), seconds);
  }, []);

  /** Ends the current recording: the bar goes at once, the file follows when the recorder has flushed. */
  const finish = useCallback(
    (ending: Ending) => {
      const s = session.current;
      if (!s) return;
      session.current = null;
      setStatus("idle");
      s.ending = ending;
      s.stoppedAt = performance.now();
      const recorder = s.recorder;
      // Still waiting for the microphone: start() sees the session is gone and releases it.
      if (!recorder) return;
      if (recorder.state !== "inactive") recorder.stop();
      else complete(s);
    },
    [complete],
  );

  const start = useCallback(async () => {
    if (session.current || disabled) return;
    setError(null);
    const media = typeof navigator === "undefined" ? undefined : navigator.mediaDevices;
    if (!media?.getUserMedia) {
      setError(window.isSecureContext ? "unsupported" : "insecure");
      return;
    }
    if (typeof MediaRecorder === "undefined") {
      setError("unsupported");
      return;
    }
    const s: Session = {
      stream: null,
      recorder: null,
      chunks: [],
      startedAt: 0,
      stoppedAt: 0,
      startedWall: 0,
      ending: null,
      failed: false,
      done: false,
    };
    session.current = s;
    setStatus("starting");

    const giveUp = (message: RecordError) => {
      stopTracks(s.stream);
      if (session.current !== s) return;
      session.current = null;
      setStatus("idle");
      if (mounted.current) setError(message);
    };
    try {
      s.stream = await media.getUserMedia({ audio: true });
    } catch (e) {
      giveUp(describeError(e));
      return;
    }
    // Cancelled (or unmounted) while the browser was asking.
    if (session.current !== s) {
      stopTracks(s.stream);
      return;
    }
    let recorder: MediaRecorder;
    try {
      const mimeType = pickMimeType();
      recorder = new MediaRecorder(s.stream, mimeType ? { mimeType } : undefined);
    } catch {
      giveUp("unsupported");
      return;
    }
    recorder.ondataavailable = (event) => {
      if (event.data.size > 0) s.chunks.push(event.data);
    };
    recorder.onstop = () => complete(s);
    recorder.onerror = () => {
      s.failed = true;
      if (session.current === s) finish("cancel");
      else if (recorder.state === "inactive") complete(s);
    };
    try {
      recorder.start(1000);
    } catch {
      giveUp("startFailed");
      return;
    }
    s.recorder = recorder;
    s.startedAt = performance.now();
    s.startedWall = Date.now();
    setElapsed(0);
    setStatus("recording");
  }, [disabled, complete, finish]);

  const recording = status === "recording";

  // The clock, and the 15-minute limit.
  useEffect(() => {
    if (!recording) return;
    const timer = window.setInterval(() => {
      const s = session.current;
      if (!s?.recorder) return;
      const ms = performance.now() - s.startedAt;
      setElapsed(ms);
      if (ms >= MAX_SECONDS * 1000) finish("send");
    }, 250);
    return () => window.clearInterval(timer);
  }, [recording, finish]);

  // Tell the composer, and keep keyboard focus in the control as the mic and the bar swap places.
  const reported = useRef(false);
  useEffect(() => {
    if (reported.current === recording) return;
    reported.current = recording;
    onRecordingChangeRef.current?.(recording);
    const lost = !document.activeElement || document.activeElement === document.body;
    if (lost) (recording ? sendButton : micButton).current?.focus();
  }, [recording]);

  useEffect(() => {
    if (!error) return;
    const timer = window.setTimeout(() => setError(null), ERROR_MS);
    return () => window.clearTimeout(timer);
  }, [error]);

  // Leaving drops any recording and releases the microphone.
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      press.current?.release();
      press.current = null;
      const s = session.current;
      session.current = null;
      if (s) {
        s.ending = "cancel";
        if (s.recorder && s.recorder.state !== "inactive") s.recorder.stop();
        else stopTracks(s.stream);
      }
      if (reported.current) {
        reported.current = false;
        onRecordingChangeRef.current?.(false);
      }
    };
  }, []);

  function onMicClick() {
    // The click that ends a hold is not a tap.
    if (performance.now() < swallowClickUntil.current) return;
    if (status !== "idle") return;
    void start();
  }

  function onMicPointerDown(event: ReactPointerEvent<HTMLButtonElement>) {
    if (disabled || status !== "idle" || event.button !== 0 || !event.isPrimary || press.current) return;
    const p: Press = { pointerId: event.pointerId, x: event.clientX, y: event.clientY, active: false, away: false, release: () => {} };
    const isAway = (e: PointerEvent) => Math.hypot(e.clientX - p.x, e.clientY - p.y) > SLIDE_CANCEL_PX;
    const end = () => {
      p.release();
      if (press.current === p) press.current = null;
      setHoldAway(null);
    };
    const move = (e: PointerEvent) => {
      if (e.pointerId !== p.pointerId) return;
      const away = isAway(e);
      if (!p.active) {
        // Dragged off before the hold began: not a hold.
        if (away) end();
        return;
      }
      if (away !== p.away) {
        p.away = away;
        setHoldAway(away);
      }
    };
    const up = (e: PointerEvent) => {
      if (e.pointerId !== p.pointerId) return;
      end();
      if (!p.active) return; // a tap: the click that follows starts recording
      swallowClickUntil.current = performance.now() + 500;
      const s = session.current;
      if (!s) return;
      if (isAway(e)) finish("cancel");
      else if (s.recorder) finish("send");
      // Released before the microphone was ready (say, at a permission prompt): carry on as a tapped recording.
    };
    const cancel = (e: PointerEvent) => {
      if (e.pointerId !== p.pointerId) return;
      // The browser took the pointer (scrolling, a prompt): keep any recording, with its Cancel and Send buttons.
      end();
      if (p.active) swallowClickUntil.current = performance.now() + 500;
    };
    const timer = window.setTimeout(() => {
      p.active = true;
      setHoldAway(false);
      void start();
    }, HOLD_MS);
    window.addEventListener("pointermove", move);
    window.addEventListener("pointerup", up);
    window.addEventListener("pointercancel", cancel);
    p.release = () => {
      window.clearTimeout(timer);
      window.removeEventListener("pointermove", move);
      window.removeEventListener("pointerup", up);
      window.removeEventListener("pointercancel", cancel);
    };
    press.current = p;
  }

  /** On the bar's buttons: Escape cancels the recording. */
  function onBarKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      finish("cancel");
    } else if (event.repeat && (event.key === "Enter" || event.key === " ")) {
      // A key held down to start recording must not repeat onto the Send button.
      event.preventDefault();
    }
  }

  if (recording) {
    const holding = holdAway !== null;
    return (
      <div className="flex min-h-[42px] w-full flex-1 items-center gap-2">
        <p aria-hidden className={`min-w-0 flex-1 truncate px-2 text-sm ${holdAway ? "text-danger" : "text-ink-muted"}`}>
          {holding ? (holdAway ? t("releaseToCancel") : t("releaseToSend")) : ""}
        </p>
        <IconButton label={t("cancel")} onClick={() => finish("cancel")} onKeyDown={onBarKeyDown} className="hover:text-danger">
          <Trash2 aria-hidden className="size-6" />
        </IconButton>
        <div className="flex h-[42px] items-center gap-2 rounded-full bg-panel px-4 dark:bg-[#2a3942]">
          <span aria-hidden className="size-2.5 animate-pulse rounded-full bg-danger motion-reduce:animate-none" />
          <span className="sr-only">{t("elapsed")}</span>
          <span role="timer" className="min-w-10 text-[15px] tabular-nums text-ink">
            {formatElapsed(elapsed)}
          </span>
        </div>
        <IconButton
          ref={sendButton}
          label={t("send")}
          onClick={() => finish("send")}
          onKeyDown={onBarKeyDown}
          className="bg-brand-strong text-white hover:bg-brand dark:bg-brand dark:text-[#111b21] dark:hover:bg-[#06cf9c]"
        >
          <SendHorizontal aria-hidden className="size-5" />
        </IconButton>
      </div>
    );
  }

  const starting = status === "starting";
  return (
    <div className="relative shrink-0">
      <IconButton
        ref={micButton}
        label={t("record")}
        disabled={disabled}
        aria-busy={starting || undefined}
        onClick={onMicClick}
        onPointerDown={onMicPointerDown}
        onContextMenu={(event) => event.preventDefault()}
        className={`mb-px touch-none select-none [-webkit-touch-callout:none] ${starting ? "animate-pulse text-danger motion-reduce:animate-none" : ""}`}
      >
        <Mic aria-hidden className="size-6" />
      </IconButton>
      {error && (
        <p
          role="alert"
          className="absolute end-0 bottom-full z-10 mb-2 w-max max-w-64 rounded-lg bg-panel px-3 py-2 text-sm text-danger shadow-lg dark:bg-panel-header"
        >
          {t(`errors.${error}`)}
        </p>
      )}
    </div>
  );
}
