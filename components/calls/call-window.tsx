"use client";

import {
  Lock,
  Maximize2,
  Mic,
  MicOff,
  Minimize2,
  MonitorUp,
  MonitorX,
  Phone,
  PhoneOff,
  Settings,
  ShieldCheck,
  Signal,
  SignalLow,
  SignalMedium,
  SwitchCamera,
  Video,
  VideoOff,
} from "lucide-react";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { useTranslations } from "use-intl";
import type { CallEngine, RemoteDevice, ShownCall } from "@/lib/client/calls/call-engine";
import { noticeText, type Quality } from "@/lib/client/calls/call-state";
import { ring } from "@/lib/client/calls/ringer";
import { chatAvatarUrl, chatTitle, nameOf } from "@/lib/client/group-view";
import { durationLabel } from "@/lib/shared/duration";
import { useMessaging } from "../chat/use-messaging";
import { Avatar } from "../ui/avatar";
import { CallSettings } from "./call-settings";
import { useShownCall } from "./use-calls";

/** What rings or goes on, for the messages that name it ("Group video call with…"). */
type CallWhat = "voice" | "video" | "groupVoice" | "groupVideo";

/**
 * The call on this device: an incoming call to accept or decline, or the call itself over the whole
 * window (video tiles, or avatars for voice), with its controls; minimized, a small window above the composer
 * while the chats stay usable.
 */
export function CallWindow({ engine }: { engine: CallEngine }) {
  const t = useTranslations("calls.window");
  const tGroup = useTranslations("system.groupView");
  const shown = useShownCall(engine);
  const [minimized, setMinimized] = useState(false);
  const conversations = useMessaging((s) => s.conversations);
  const users = useMessaging((s) => s.users);
  useEffect(() => {
    if (!shown) setMinimized(false);
  }, [shown]);
  // It rings while it rings: here for an incoming call, the ringback for the caller.
  const ringing = shown?.phase === "incoming" ? "incoming" : shown?.phase === "ringing" && shown.call ? "ringback" : null;
  useEffect(() => (ringing ? ring(ringing) : undefined), [ringing]);
  if (!shown) return null;
  const conversation = conversations[shown.conversationId];
  const title = conversation ? chatTitle(conversation) : t("untitled");
  const avatar = conversation ? chatAvatarUrl(conversation) : null;
  const group = Boolean(conversation?.group);
  const what: CallWhat = group ? (shown.kind === "video" ? "groupVideo" : "groupVoice") : shown.kind;
  if (shown.phase === "incoming") return <IncomingCall engine={engine} title={title} avatar={avatar} group={group} what={what} />;

  const label = t("label", { what, title });
  const nameOfRemote = (r: RemoteDevice) => nameOf(tGroup, users, r.userId);
  const encrypted = conversation?.encrypted ?? false;
  if (minimized)
    return (
      <section
        aria-label={label}
        className="fixed end-4 bottom-20 z-50 w-72 overflow-hidden rounded-xl bg-[#0b141a] text-white shadow-2xl ring-1 ring-white/10"
      >
        <div className="relative h-40">
          <Stage shown={shown} title={title} avatar={avatar} group={group} nameOfRemote={nameOfRemote} compact />
        </div>
        <div className="flex items-center gap-2 px-3 py-2">
          <div className="min-w-0 flex-1">
            <p className="truncate text-sm font-medium">{title}</p>
            <CallStatus shown={shown} />
          </div>
          <ControlButton label={t("expand")} onClick={() => setMinimized(false)}>
            <Maximize2 aria-hidden className="size-4" />
          </ControlButton>
          <MuteButton engine={engine} shown={shown} small />
          <EndButton engine={engine} small />
        </div>
      </section>
    );

  return (
    <section aria-label={label} className="fixed inset-0 z-50 flex flex-col bg-[#0b141a] text-white">
      <header className="flex items-center gap-3 px-5 pt-4 pb-2">
        <div className="min-w-0 flex-1">
          <h2 className="truncate text-lg font-medium">{title}</h2>
          <CallStatus shown={shown} />
        </div>
        {encrypted && (
          <p className="hidden items-center gap-1 text-xs text-white/60 sm:flex">
            <Lock aria-hidden className="size-3.5" /> {t("encrypted")}
          </p>
        )}
        {shown.phase !== "ended" && shown.remotes.some((r) => r.relayed) && (
          <p className="flex items-center gap-1 text-xs text-white/60" title={t("relayedTitle")}>
            <ShieldCheck aria-hidden className="size-3.5" /> {t("relayed")}
          </p>
        )}
        {shown.phase !== "ended" && shown.quality && <QualityBadge quality={shown.quality} />}
        <ControlButton label={t("minimize")} onClick={() => setMinimized(true)}>
          <Minimize2 aria-hidden className="size-5" />
        </ControlButton>
      </header>
      <div className="relative min-h-0 flex-1">
        <Stage shown={shown} title={title} avatar={avatar} group={group} nameOfRemote={nameOfRemote} />
      </div>
      {shown.error && shown.phase !== "ended" && (
        <p role="alert" className="mx-auto mb-2 max-w-md rounded-lg bg-black/50 px-3 py-1.5 text-center text-sm text-white/90">
          {shown.error}
        </p>
      )}
      <Controls engine={engine} shown={shown} />
    </section>
  );
}

function IncomingCall({
  engine,
  title,
  avatar,
  group,
  what,
}: {
  engine: CallEngine;
  title: string;
  avatar: string | null;
  group: boolean;
  what: CallWhat;
}) {
  const t = useTranslations("calls.window");
  const Accept = what === "video" || what === "groupVideo" ? Video : Phone;
  return (
    <div
      role="alertdialog"
      aria-label={t("incomingLabel", { what, title })}
      aria-describedby="incoming-call-what"
      className="fixed top-4 left-1/2 z-50 flex w-[min(24rem,calc(100vw-2rem))] -translate-x-1/2 items-center gap-4 rounded-2xl bg-panel p-4 shadow-2xl ring-1 ring-line"
    >
      <span className="animate-pulse rounded-full ring-4 ring-brand/40">
        <Avatar src={avatar} name={title} size="md" group={group} />
      </span>
      <div className="min-w-0 flex-1">
        <p className="truncate text-base font-medium text-ink">{title}</p>
        <p id="incoming-call-what" className="text-sm text-ink-muted">
          {t("incoming", { what })}
        </p>
      </div>
      <button
        type="button"
        aria-label={t("decline")}
        title={t("decline")}
        onClick={() => void engine.decline()}
        className="flex size-11 items-center justify-center rounded-full bg-danger text-white transition hover:brightness-110"
      >
        <PhoneOff aria-hidden className="size-5" />
      </button>
      <button
        type="button"
        aria-label={t("accept")}
        title={t("accept")}
        // biome-ignore lint/a11y/noAutofocus: the one thing to do with a ringing call is to answer it (or Tab to Decline).
        autoFocus
        onClick={() => void engine.accept()}
        className="flex size-11 items-center justify-center rounded-full bg-brand text-white transition hover:brightness-110"
      >
        <Accept aria-hidden className="size-5" />
      </button>
    </div>
  );
}

/** "Ringing…", "Connecting…", the time since it connected, "Reconnecting…", or why it ended. */
function CallStatus({ shown }: { shown: ShownCall }) {
  const t = useTranslations("calls.window");
  const tSystem = useTranslations("system.calls");
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (shown.phase !== "connected") return;
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [shown.phase]);
  let text: string;
  if (shown.phase === "ended") text = shown.notice ? noticeText(shown.notice, tSystem) : t("ended");
  else if (shown.phase === "ringing") text = shown.call ? t("ringing") : t("calling");
  else if (shown.phase === "connecting") text = t("connecting");
  else if (shown.phase === "reconnecting") text = t("reconnecting");
  else text = durationLabel((Math.max(now, shown.connectedAt ?? now) - (shown.connectedAt ?? now)) / 1000);
  return (
    <p role="status" data-testid="call-status" className="truncate text-sm text-white/70">
      {text}
    </p>
  );
}

const QUALITY = {
  good: { Icon: Signal, color: "text-white/70" },
  fair: { Icon: SignalMedium, color: "text-amber-300" },
  poor: { Icon: SignalLow, color: "text-red-400" },
} as const;

function QualityBadge({ quality }: { quality: Quality }) {
  const t = useTranslations("calls.window.quality");
  const { Icon, color } = QUALITY[quality];
  const label = t(quality);
  return (
    <span role="img" aria-label={label} title={label} className={`flex items-center ${color}`}>
      <Icon aria-hidden className="size-5" />
    </span>
  );
}

/** The other devices (video tiles, or avatars when there is no picture), and my own camera in a corner. */
function Stage({
  shown,
  title,
  avatar,
  group,
  nameOfRemote,
  compact = false,
}: {
  shown: ShownCall;
  title: string;
  avatar: string | null;
  group: boolean;
  nameOfRemote: (r: RemoteDevice) => string;
  compact?: boolean;
}) {
  const video = shown.kind === "video";
  const remotes = shown.remotes;
  const columns = remotes.length <= 1 ? "grid-cols-1" : remotes.length <= 4 ? "grid-cols-2" : "grid-cols-3";
  return (
    <>
      {remotes.length === 0 ? (
        <div className="flex h-full flex-col items-center justify-center gap-4">
          <Avatar src={avatar} name={title} size={compact ? "md" : "lg"} group={group} />
        </div>
      ) : (
        <div className={`grid h-full gap-1 p-1 ${columns}`}>
          {remotes.map((r) => (
            <RemoteTile key={r.key} remote={r} name={nameOfRemote(r)} video={video} compact={compact} />
          ))}
        </div>
      )}
      {video && shown.local && !shown.cameraOff && <LocalPreview stream={shown.local} mirrored={!shown.sharing} compact={compact} />}
    </>
  );
}

function RemoteTile({ remote, name, video, compact }: { remote: RemoteDevice; name: string; video: boolean; compact: boolean }) {
  const t = useTranslations("calls.window");
  const ref = useStream<HTMLVideoElement>(remote.stream);
  const pictureOff = !video || remote.media.cameraOff || !remote.stream;
  return (
    <div className="relative flex min-h-0 items-center justify-center overflow-hidden rounded-lg bg-[#182229]">
      {/* One element plays the other device's sound (and picture, in a video call). */}
      {/* biome-ignore lint/a11y/useMediaCaption: a live call has no caption track. */}
      <video
        ref={ref}
        autoPlay
        playsInline
        data-testid="remote-media"
        aria-label={video ? t("remoteVideo", { name }) : t("remoteAudio", { name })}
        className={pictureOff ? "hidden" : "h-full w-full object-contain"}
      />
      {pictureOff && <Avatar src={null} name={name} size={compact ? "md" : "lg"} />}
      {!compact && (
        <p className="absolute bottom-2 start-2 flex items-center gap-1 rounded bg-black/50 px-2 py-0.5 text-xs">
          {remote.media.muted && <MicOff aria-label={t("muted", { name })} className="size-3.5" />}
          {name}
          {remote.state === "reconnecting" && ` · ${t("reconnecting")}`}
          {remote.state === "connecting" && ` · ${t("connecting")}`}
        </p>
      )}
    </div>
  );
}

function LocalPreview({ stream, mirrored, compact }: { stream: MediaStream; mirrored: boolean; compact: boolean }) {
  const t = useTranslations("calls.window");
  const ref = useStream<HTMLVideoElement>(stream);
  return (
    <video
      ref={ref}
      autoPlay
      playsInline
      muted
      aria-label={t("yourCamera")}
      className={`absolute rounded-lg object-cover shadow-lg ring-1 ring-white/20 ${mirrored ? "-scale-x-100" : ""} ${
        compact ? "end-2 bottom-2 h-16 w-12" : "end-4 bottom-4 h-36 w-28 sm:h-40 sm:w-60"
      }`}
    />
  );
}

/** A media element showing `stream` (srcObject can't be set as an attribute). */
function useStream<T extends HTMLMediaElement>(stream: MediaStream | null) {
  const ref = useRef<T>(null);
  useEffect(() => {
    const element = ref.current;
    if (element && element.srcObject !== stream) element.srcObject = stream;
  }, [stream]);
  return ref;
}

function Controls({ engine, shown }: { engine: CallEngine; shown: ShownCall }) {
  const t = useTranslations("calls.window");
  const [settings, setSettings] = useState(false);
  const video = shown.kind === "video";
  const live = shown.phase !== "ended";
  const canShare = video && typeof navigator !== "undefined" && "getDisplayMedia" in (navigator.mediaDevices ?? {});
  return (
    <div className="relative flex items-center justify-center gap-3 px-4 pt-2 pb-6">
      {settings && live && <CallSettings engine={engine} video={video} onClose={() => setSettings(false)} />}
      <MuteButton engine={engine} shown={shown} />
      {video && (
        <ControlButton
          label={shown.cameraOff ? t("cameraOn") : t("cameraOff")}
          pressed={shown.cameraOff}
          disabled={!live}
          onClick={() => engine.setCameraOff(!shown.cameraOff)}
        >
          {shown.cameraOff ? <VideoOff aria-hidden className="size-5" /> : <Video aria-hidden className="size-5" />}
        </ControlButton>
      )}
      {video && (
        <ControlButton label={t("switchCamera")} disabled={!live || shown.sharing} onClick={() => void engine.switchCamera()}>
          <SwitchCamera aria-hidden className="size-5" />
        </ControlButton>
      )}
      {canShare && (
        <ControlButton
          label={shown.sharing ? t("stopSharing") : t("shareScreen")}
          pressed={shown.sharing}
          disabled={!live}
          onClick={() => void (shown.sharing ? engine.stopSharing() : engine.shareScreen().catch(() => {}))}
        >
          {shown.sharing ? <MonitorX aria-hidden className="size-5" /> : <MonitorUp aria-hidden className="size-5" />}
        </ControlButton>
      )}
      <ControlButton label={t("settings")} pressed={settings} disabled={!live} onClick={() => setSettings(!settings)}>
        <Settings aria-hidden className="size-5" />
      </ControlButton>
      {live ? (
        <EndButton engine={engine} />
      ) : (
        <ControlButton label={t("close")} onClick={() => engine.dismiss()}>
          <PhoneOff aria-hidden className="size-5" />
        </ControlButton>
      )}
    </div>
  );
}

function MuteButton({ engine, shown, small = false }: { engine: CallEngine; shown: ShownCall; small?: boolean }) {
  const t = useTranslations("calls.window");
  const size = small ? "size-4" : "size-5";
  return (
    <ControlButton
      label={shown.muted ? t("unmute") : t("mute")}
      pressed={shown.muted}
      disabled={shown.phase === "ended"}
      small={small}
      onClick={() => engine.setMuted(!shown.muted)}
    >
      {shown.muted ? <MicOff aria-hidden className={size} /> : <Mic aria-hidden className={size} />}
    </ControlButton>
  );
}

function EndButton({ engine, small = false }: { engine: CallEngine; small?: boolean }) {
  const t = useTranslations("calls.window");
  return (
    <button
      type="button"
      aria-label={t("end")}
      title={t("end")}
      onClick={() => void engine.hangUp()}
      className={`flex items-center justify-center rounded-full bg-danger text-white transition hover:brightness-110 ${small ? "size-9" : "h-12 w-16"}`}
    >
      <PhoneOff aria-hidden className={small ? "size-4" : "size-6"} />
    </button>
  );
}

function ControlButton({
  label,
  pressed,
  small = false,
  children,
  ...rest
}: {
  label: string;
  pressed?: boolean;
  small?: boolean;
  disabled?: boolean;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      aria-pressed={pressed}
      className={`flex items-center justify-center rounded-full transition disabled:opacity-40 ${small ? "size-9" : "size-12"} ${
        pressed ? "bg-white text-[#0b141a]" : "bg-white/10 text-white hover:bg-white/20"
      }`}
      {...rest}
    >
      {children}
    </button>
  );
}
