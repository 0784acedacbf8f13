// This device's side of voice and video calls: it rings for calls the server announces (call:updated),
// starts, answers, declines and hangs up calls through Socket.IO, and connects to every other device in the
// call (a mesh of PeerLinks), signalling through the server (call:signal): end-to-end encrypted with the
// chat's keys when the chat is, so the server can neither read nor forge the SDP and its DTLS fingerprints.
// It says it is still there every CALL_HEARTBEAT_MS while in a call, and keeps what the call window shows
// (phase, media, who is connected, link quality) for React to read.
import { CALL_HEARTBEAT_MS, type Call, type CallDevice, type CallKind, type CallSignalPush, type PlainSignal } from "@/lib/contracts/calls";
import type { EncryptedContent } from "@/lib/contracts/e2ee";
import type { SealedCallSignal } from "@/lib/contracts/sealed";
import { errorText, text } from "@/lib/i18n/text";
import { ACK_TIMEOUT_MS, type AckEvent, type AckOf, type MessagingTransport, type PayloadOf } from "../transport";
import {
  type CallNotice,
  type CallPhase,
  endedReason,
  joinedHere,
  makesOffer,
  otherDevices,
  type Quality,
  qualityOf,
  ringingHere,
  type ThisDevice,
  worstQuality,
} from "./call-state";
import { type LinkState, PeerLink, type PeerMedia } from "./peer-link";

export interface CallEngineDeps {
  transport: MessagingTransport;
  me: string;
  /** This session's device id (the id the server names my joined device by). */
  deviceId: () => Promise<string>;
  /** Whether the chat is end-to-end encrypted (its signals must be, and signals in the clear are refused). */
  encrypted: (conversationId: string) => boolean;
  seal: (conversationId: string, content: SealedCallSignal) => Promise<EncryptedContent | null>;
  open: (conversationId: string, from: CallDevice, encrypted: EncryptedContent) => Promise<SealedCallSignal>;
  /** STUN and TURN servers (GET /api/v1/calls/ice-servers). */
  iceServers: () => Promise<RTCIceServer[]>;
  /** Whether my calls' media must only go through the TURN relay ("Protect IP address in calls"). */
  relayOnly: () => Promise<boolean>;
  /** My latest calls (the first page of my call log): those still ringing or going on, on each connection. */
  recentCalls: () => Promise<Call[]>;
  media: () => MediaDevices;
}

/** Another device in the call, as the window shows it. */
export interface RemoteDevice {
  key: string;
  userId: string;
  deviceId: string;
  stream: MediaStream | null;
  state: LinkState;
  media: PeerMedia;
  quality: Quality | null;
  relayed: boolean;
}

/** The call on this device, for the call window. */
export interface ShownCall {
  /** The server's view of it (null while it is being placed). */
  call: Call | null;
  conversationId: string;
  kind: CallKind;
  outgoing: boolean;
  phase: CallPhase;
  /** Why it ended (worded by the window), or what went wrong; shown briefly before the window closes. */
  notice: CallNotice | null;
  /** When this device first connected (the timer counts from it). */
  connectedAt: number | null;
  local: MediaStream | null;
  muted: boolean;
  cameraOff: boolean;
  sharing: boolean;
  remotes: RemoteDevice[];
  quality: Quality | null;
  /** A problem to show in the window (media refused, a signal that couldn't be sent...). */
  error: string | null;
}

/** How long the window stays up once the call ended. */
export const ENDED_SHOWN_MS = 2_500;
const STATS_EVERY_MS = 2_000;

export class CallEngine {
  private shown: ShownCall | null = null;
  /** Calls going on (or ringing) in my chats, by chat: a group's header offers to join one. */
  private live: Record<string, Call> = {};
  private readonly listeners = new Set<() => void>();
  private readonly links = new Map<string, PeerLink>();
  private readonly inboxes = new Map<string, Promise<void>>();
  private device: ThisDevice | null = null;
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private stats: ReturnType<typeof setInterval> | undefined;
  private closing: ReturnType<typeof setTimeout> | undefined;
  /** The call's ICE configuration, asked once per call (links made at once share the one request). */
  private config: Promise<RTCConfiguration> | null = null;
  private camera: MediaStreamTrack | null = null;
  private screen: MediaStreamTrack | null = null;

  constructor(private readonly d: CallEngineDeps) {}

  /** Listens to the server; returns what stops it (and ends a call in progress on this device). */
  start(): () => void {
    const stops = [
      this.d.transport.on("call:updated", ({ call }) => void this.updated(call)),
      this.d.transport.on("call:signal", (push) => this.signal(push)),
      this.d.transport.onConnection(
        () => void this.catchUp(),
        () => {},
      ),
    ];
    if (this.d.transport.connected()) void this.catchUp();
    return () => {
      for (const stop of stops) stop();
      this.teardown();
      this.shown = null;
    };
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  snapshot = (): ShownCall | null => this.shown;

  /** The calls not ended in my chats, by chat id (a new object at each change). */
  liveCalls = (): Record<string, Call> => this.live;

  /** Calls a chat (a person's, or a group): asks for the microphone (and camera) first, then rings them. */
  async call(conversationId: string, kind: CallKind): Promise<void> {
    if (this.shown && this.shown.phase !== "ended") throw new Error(text("clientErrors.calls.alreadyInCall"));
    this.show(this.fresh({ call: null, conversationId, kind, outgoing: true, phase: "ringing" }));
    try {
      const local = await this.localMedia(kind);
      if (!this.shown || this.shown.call !== null) return void stopAll(local);
      this.change({ local });
      const { call, status } = await this.ask("call:start", { conversationId, kind });
      if (status === "ended") return this.end(call);
      this.change({ call });
      this.beat(call.id);
      await this.updated(call);
    } catch (error) {
      this.end(null, { message: messageOf(error) });
      throw error;
    }
  }

  /** Picks up the call ringing here. */
  async accept(): Promise<void> {
    const shown = this.shown;
    if (shown?.call && shown.phase === "incoming") await this.answer(shown.call.id, shown.kind, "incoming");
  }

  /** Joins a group call going on in a chat (one I missed, declined or left). */
  async join(call: Call): Promise<void> {
    if (this.shown && this.shown.phase !== "ended") throw new Error(text("clientErrors.calls.alreadyInCall"));
    clearTimeout(this.closing);
    this.show(this.fresh({ call, conversationId: call.conversationId, kind: call.kind, outgoing: false, phase: "connecting" }));
    await this.answer(call.id, call.kind, "connecting");
  }

  /** Turns the media on and answers, unless the call moved on meanwhile (from `phase`: hung up, ended). */
  private async answer(callId: string, kind: CallKind, phase: CallPhase): Promise<void> {
    try {
      const local = await this.localMedia(kind);
      if (this.shown?.call?.id !== callId || this.shown.phase !== phase) return void stopAll(local);
      this.change({ local, phase: "connecting" });
      const { call } = await this.ask("call:answer", { callId, accept: true });
      this.beat(callId);
      await this.updated(call);
    } catch (error) {
      this.end(null, { message: messageOf(error) });
    }
  }

  /** Declines the call ringing here. */
  async decline(): Promise<void> {
    const callId = this.shown?.call?.id;
    this.teardown();
    this.shown = null;
    this.emit();
    if (callId) await this.ask("call:answer", { callId, accept: false }).catch(() => {});
  }

  /** Leaves the call on this device (ending a one-to-one call, or cancelling it while it rings). */
  async hangUp(): Promise<void> {
    const shown = this.shown;
    if (!shown) return;
    if (shown.phase === "incoming") return this.decline();
    const failed = shown.phase === "connecting" && shown.remotes.length > 0 && shown.connectedAt === null;
    this.teardown();
    this.shown = null;
    this.emit();
    if (shown.call && shown.phase !== "ended") await this.ask("call:hangup", { callId: shown.call.id, failed }).catch(() => {});
  }

  /** Closes the window of a call that ended, without waiting. */
  dismiss(): void {
    if (this.shown?.phase !== "ended") return;
    clearTimeout(this.closing);
    this.shown = null;
    this.emit();
  }

  setMuted(muted: boolean): void {
    for (const track of this.shown?.local?.getAudioTracks() ?? []) track.enabled = !muted;
    this.change({ muted });
    this.tellPeers();
  }

  setCameraOff(cameraOff: boolean): void {
    if (this.camera) this.camera.enabled = !cameraOff;
    this.change({ cameraOff });
    this.tellPeers();
  }

  /** The cameras and microphones (and speakers) this browser has, for the call's settings. */
  async devices(): Promise<MediaDeviceInfo[]> {
    return (await this.d.media().enumerateDevices()).filter((device) => device.deviceId !== "");
  }

  /** Sends the next camera (front/back on a phone), or the one chosen. */
  async switchCamera(deviceId?: string): Promise<void> {
    const shown = this.shown;
    if (!shown?.local || !this.camera) return;
    const cameras = (await this.devices()).filter((d) => d.kind === "videoinput");
    const current = this.camera.getSettings().deviceId;
    const next = deviceId ?? cameras[(cameras.findIndex((c) => c.deviceId === current) + 1) % Math.max(cameras.length, 1)]?.deviceId;
    if (!next || next === current) return;
    const [track] = (await this.d.media().getUserMedia({ video: { deviceId: { exact: next } } })).getVideoTracks();
    track.enabled = !shown.cameraOff;
    this.swapLocal(this.camera, track);
    this.camera = track;
    if (!shown.sharing) await this.sendVideo(track);
  }

  /** Sends the microphone chosen instead of the one used now. */
  async switchMicrophone(deviceId: string): Promise<void> {
    const shown = this.shown;
    const old = shown?.local?.getAudioTracks()[0];
    if (!shown?.local || !old || old.getSettings().deviceId === deviceId) return;
    const [track] = (await this.d.media().getUserMedia({ audio: { deviceId: { exact: deviceId } } })).getAudioTracks();
    track.enabled = !shown.muted;
    this.swapLocal(old, track);
    for (const link of this.links.values()) await link.replace(track);
  }

  /** Shares my screen (or a window, or a tab) instead of my camera, until stopped here or in the browser's own bar. */
  async shareScreen(): Promise<void> {
    if (!this.shown?.local || this.shown.kind !== "video" || this.shown.sharing) return;
    const screen = await this.d.media().getDisplayMedia({ video: true, audio: false });
    const [track] = screen.getVideoTracks();
    track.onended = () => void this.stopSharing();
    this.screen = track;
    await this.sendVideo(track);
    this.change({ sharing: true });
    this.tellPeers();
  }

  async stopSharing(): Promise<void> {
    const screen = this.screen;
    if (!screen) return;
    this.screen = null;
    screen.onended = null;
    screen.stop();
    if (this.camera) await this.sendVideo(this.camera);
    this.change({ sharing: false });
    this.tellPeers();
  }

  private async me(): Promise<ThisDevice> {
    this.device ??= { userId: this.d.me, deviceId: await this.d.deviceId() };
    return this.device;
  }

  /**
   * On each (re)connection, what was missed while there was none: a call ringing for me (the app opened
   * from a call's notification, or a tab that slept), a call I'm in that ended meanwhile, calls going on.
   */
  private async catchUp(): Promise<void> {
    try {
      await this.me();
      const shownId = this.shown?.call?.id;
      for (const call of await this.d.recentCalls()) if (call.state !== "ended" || call.id === shownId) await this.updated(call);
    } catch {
      // The next connection tries again; live updates go on meanwhile.
    }
  }

  /** Where a call stands now, as the server says: ring, join the devices that joined, or end. */
  private async updated(call: Call): Promise<void> {
    this.track(call);
    const me = await this.me();
    const shown = this.shown;
    if (shown?.call?.id !== call.id) {
      // Another call: it rings here unless this device is busy with one.
      if ((shown && shown.phase !== "ended") || ringingHere(call, me) !== "ring") return;
      clearTimeout(this.closing);
      this.teardown();
      const outgoing = call.callerId === me.userId;
      this.show(this.fresh({ call, conversationId: call.conversationId, kind: call.kind, outgoing, phase: "incoming" }));
      return;
    }
    if (call.state === "ended") return this.end(call);
    if (!joinedHere(call, me)) {
      const here = ringingHere(call, me);
      if (here === "ring") return this.change({ call });
      if (here === "elsewhere") return this.end(call, { reason: "answeredElsewhere" });
      // Declined on another of my devices, or left.
      this.teardown();
      this.shown = null;
      return this.emit();
    }
    this.change({ call, phase: shown.phase === "ringing" && call.state === "ongoing" ? "connecting" : shown.phase });
    await this.connect(call, me);
  }

  private track(call: Call): void {
    const known = this.live[call.conversationId];
    if (call.state !== "ended") this.live = { ...this.live, [call.conversationId]: call };
    else if (known?.id === call.id) {
      const { [call.conversationId]: _gone, ...rest } = this.live;
      this.live = rest;
    } else return;
    this.emit();
  }

  /** Opens a link to each device that joined and that this device offers to; closes those that left. */
  private async connect(call: Call, me: ThisDevice): Promise<void> {
    const others = otherDevices(call, me);
    const keys = new Set(others.map(keyOf));
    for (const [key, link] of this.links)
      if (!keys.has(key)) {
        link.close();
        this.links.delete(key);
      }
    this.change({ remotes: (this.shown?.remotes ?? []).filter((r) => keys.has(r.key)) });
    for (const other of others) if (!this.links.has(keyOf(other)) && makesOffer(me, other)) await this.link(call, other);
    this.phase();
  }

  private async link(call: Call, other: CallDevice): Promise<PeerLink> {
    const key = keyOf(other);
    const [config, me] = await Promise.all([this.rtcConfig(), this.me()]);
    // Checked after the awaits: the answer's ack and its call:updated may both ask for this link.
    const existing = this.links.get(key);
    if (existing) return existing;
    const local = this.shown?.local;
    if (!local) throw new Error(text("clientErrors.calls.noMedia"));
    const link = new PeerLink({
      polite: !makesOffer(me, other),
      config,
      local,
      send: (signal) => this.send(call, other, signal),
      onStream: (stream) => this.remote(key, { stream }),
      onState: (state) => {
        if (state === "connected" && this.shown && this.shown.connectedAt === null) this.change({ connectedAt: Date.now() });
        this.remote(key, { state });
        if (state === "failed") void this.failed(key);
      },
      onMedia: (media) => this.remote(key, { media }),
      onError: (error) => this.change({ error: messageOf(error) }),
    });
    this.links.set(key, link);
    link.tell(this.mediaState());
    this.change({
      remotes: [
        ...(this.shown?.remotes ?? []).filter((r) => r.key !== key),
        {
          key,
          ...other,
          stream: null,
          state: "connecting",
          media: { muted: false, cameraOff: false, sharing: false },
          quality: null,
          relayed: false,
        },
      ],
    });
    return link;
  }

  /** A signal for this device: decrypted (and checked) in an encrypted chat, then handed to its link, in order of arrival. */
  private signal(push: CallSignalPush): void {
    // Once this device answered (its media is on; the server's word that it joined may come after the first signal).
    const shown = this.shown;
    const call = shown?.call;
    if (!call || call.id !== push.callId || !shown?.local || shown.phase === "incoming" || shown.phase === "ended") return;
    const key = keyOf(push.from);
    const previous = this.inboxes.get(key) ?? Promise.resolve();
    const next = previous
      .then(async () => {
        const signal = await this.opened(call, push);
        if (!signal || this.shown?.call?.id !== call.id) return;
        const link = this.links.get(key) ?? (await this.link(call, push.from));
        link.receive(signal);
      })
      .catch((error) => this.change({ error: messageOf(error) }));
    this.inboxes.set(key, next);
  }

  private async opened(call: Call, push: CallSignalPush): Promise<PlainSignal | null> {
    return this.device ? openSignal(this.d, call, push, this.device) : null;
  }

  private async send(call: Call, to: CallDevice, signal: PlainSignal): Promise<void> {
    const encrypted = await this.d.seal(call.conversationId, { callId: call.id, to: to.deviceId, signal });
    await this.ask("call:signal", { callId: call.id, to, signal: encrypted ? { encrypted } : { plain: signal } });
  }

  /** A link that couldn't connect (or come back) in time: a one-to-one call ends; a group call goes on without it. */
  private async failed(key: string): Promise<void> {
    const shown = this.shown;
    if (!shown?.call) return;
    const connected = shown.remotes.some((r) => r.key !== key && r.state === "connected");
    if (connected) return;
    const callId = shown.call.id;
    this.end(shown.call, { reason: "failed" });
    await this.ask("call:hangup", { callId, failed: shown.connectedAt === null }).catch(() => {});
  }

  private remote(key: string, change: Partial<RemoteDevice>): void {
    if (!this.shown) return;
    this.change({ remotes: this.shown.remotes.map((r) => (r.key === key ? { ...r, ...change } : r)) });
    this.phase();
  }

  /** Connecting until a link connects; reconnecting while every link that connected is down. */
  private phase(): void {
    const shown = this.shown;
    if (!shown || shown.phase === "ended" || shown.phase === "incoming" || (shown.phase === "ringing" && shown.call?.state !== "ongoing"))
      return;
    const { remotes } = shown;
    const phase: CallPhase = remotes.some((r) => r.state === "connected")
      ? "connected"
      : shown.connectedAt !== null && remotes.length > 0
        ? "reconnecting"
        : "connecting";
    if (phase !== shown.phase) this.change({ phase });
  }

  private beat(callId: string): void {
    clearInterval(this.heartbeat);
    this.heartbeat = setInterval(() => {
      if (this.d.transport.connected()) this.d.transport.send("call:heartbeat", { callId });
    }, CALL_HEARTBEAT_MS);
    clearInterval(this.stats);
    this.stats = setInterval(() => void this.measure(), STATS_EVERY_MS);
  }

  private async measure(): Promise<void> {
    for (const [key, link] of this.links) {
      const sample = await link.sample().catch(() => null);
      if (sample) this.remote(key, { quality: qualityOf(sample), relayed: sample.relayed });
    }
    if (this.shown) this.change({ quality: worstQuality(this.shown.remotes.map((r) => r.quality)) });
  }

  /** The call ended (or ended here): stop the media, show why for a moment, then close the window. */
  private end(call: Call | null, notice?: CallNotice): void {
    const shown = this.shown;
    if (!shown) return;
    this.teardown();
    this.change({
      call: call ?? shown.call,
      phase: "ended",
      notice: notice ?? { reason: call ? endedReason(call, this.d.me) : "ended" },
      local: null,
      remotes: [],
    });
    clearTimeout(this.closing);
    this.closing = setTimeout(() => this.dismiss(), ENDED_SHOWN_MS);
  }

  private teardown(): void {
    clearInterval(this.heartbeat);
    clearInterval(this.stats);
    for (const link of this.links.values()) link.close();
    this.links.clear();
    this.inboxes.clear();
    stopAll(this.shown?.local ?? null);
    this.camera?.stop();
    this.screen?.stop();
    this.camera = null;
    this.screen = null;
  }

  private async localMedia(kind: CallKind): Promise<MediaStream> {
    try {
      const stream = await this.d.media().getUserMedia({ audio: true, video: kind === "video" ? { facingMode: "user" } : false });
      this.camera = stream.getVideoTracks()[0] ?? null;
      return stream;
    } catch (error) {
      const name = (error as { name?: string }).name;
      const video = kind === "video";
      if (name === "NotAllowedError")
        throw new Error(text(video ? "clientErrors.calls.micAndCameraDenied" : "clientErrors.calls.micDenied"));
      if (name === "NotFoundError") throw new Error(text(video ? "clientErrors.calls.noMicAndCamera" : "clientErrors.calls.noMic"));
      const reason = messageOf(error);
      throw new Error(text(video ? "clientErrors.calls.micAndCameraFailed" : "clientErrors.calls.micFailed", { reason }));
    }
  }

  private async sendVideo(track: MediaStreamTrack): Promise<void> {
    for (const link of this.links.values()) await link.replace(track);
  }

  /** Puts `next` in the local stream in place of `old` (the preview shows it), and stops `old`. */
  private swapLocal(old: MediaStreamTrack, next: MediaStreamTrack): void {
    const local = this.shown?.local;
    if (!local) return;
    local.removeTrack(old);
    local.addTrack(next);
    old.stop();
    this.change({ local: new MediaStream(local.getTracks()) });
  }

  private mediaState(): PeerMedia {
    return { muted: this.shown?.muted ?? false, cameraOff: this.shown?.cameraOff ?? false, sharing: this.shown?.sharing ?? false };
  }

  private tellPeers(): void {
    const media = this.mediaState();
    for (const link of this.links.values()) link.tell(media);
  }

  private rtcConfig(): Promise<RTCConfiguration> {
    this.config ??= Promise.all([this.d.iceServers(), this.d.relayOnly()]).then(
      ([iceServers, relay]): RTCConfiguration => ({ iceServers, iceTransportPolicy: relay ? "relay" : "all" }),
    );
    this.config.catch(() => (this.config = null));
    return this.config;
  }

  private async ask<E extends AckEvent>(event: E, payload: PayloadOf<E>): Promise<Extract<AckOf<E>, { ok: true }>["data"]> {
    const ack = await this.d.transport.request(event, payload, ACK_TIMEOUT_MS);
    if (!ack.ok) throw new Error(errorText(ack.error));
    return ack.data as Extract<AckOf<E>, { ok: true }>["data"];
  }

  private fresh(base: Pick<ShownCall, "call" | "conversationId" | "kind" | "outgoing" | "phase">): ShownCall {
    return {
      ...base,
      notice: null,
      connectedAt: null,
      local: null,
      muted: false,
      cameraOff: false,
      sharing: false,
      remotes: [],
      quality: null,
      error: null,
    };
  }

  private show(shown: ShownCall): void {
    this.config = null;
    this.shown = shown;
    this.emit();
  }

  private change(change: Partial<ShownCall>): void {
    if (!this.shown) return;
    this.shown = { ...this.shown, ...change };
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

const keyOf = (d: CallDevice) => `${d.userId}/${d.deviceId}`;

/**
 * The signal inside a push, or null when it must not be used: in the clear in an encrypted chat (the server
 * can't be trusted to leave the SDP alone), or sealed for another call or another device (replayed there).
 * `d.open` itself refuses one that isn't from the device the server names as its sender.
 */
export async function openSignal(
  d: Pick<CallEngineDeps, "encrypted" | "open">,
  call: Call,
  push: CallSignalPush,
  me: ThisDevice,
): Promise<PlainSignal | null> {
  if ("plain" in push.signal) return d.encrypted(call.conversationId) ? null : push.signal.plain;
  const sealed = await d.open(call.conversationId, push.from, push.signal.encrypted);
  return sealed.callId === call.id && sealed.to === me.deviceId ? sealed.signal : null;
}

function stopAll(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
