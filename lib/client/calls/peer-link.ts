// One WebRTC connection between this device and another in a call, negotiated the way WebRTC's "perfect
// negotiation" pattern does: either side may offer (a new track, an ICE restart), and when both offer at
// once the impolite side's offer wins while the polite side rolls back. Signals leave in the order they
// were made and are handled in the order they arrive. A data channel negotiated on both sides (id 0)
// carries what the other side shows of me (muted, camera off, sharing a screen), peer to peer, encrypted
// by DTLS: the server never learns it.
import { z } from "zod";
import type { PlainSignal } from "@/lib/contracts/calls";
import type { LinkSample } from "./call-state";

/** What one device tells the others of its media, over the data channel. */
export const peerMediaSchema = z.object({ muted: z.boolean(), cameraOff: z.boolean(), sharing: z.boolean() });
export type PeerMedia = z.infer<typeof peerMediaSchema>;

export type LinkState = "connecting" | "connected" | "reconnecting" | "failed";

/** How long a connection may stay disconnected before an ICE restart is tried, and how often again while it doesn't come back. */
const RESTART_AFTER_MS = 2_000;
const RESTART_EVERY_MS = 5_000;
/** How long a connection may fail to come (back) before it is given up. */
export const GIVE_UP_AFTER_MS = 30_000;

export interface PeerLinkOptions {
  /** The polite side gives way when both offer at once (makesOffer in call-state.ts decides who isn't). */
  polite: boolean;
  config: RTCConfiguration;
  /** My media, sent on this connection (the offering side adds it at once, the other after the offer). */
  local: MediaStream;
  send: (signal: PlainSignal) => Promise<void>;
  onStream: (stream: MediaStream) => void;
  onState: (state: LinkState) => void;
  onMedia: (media: PeerMedia) => void;
  onError: (error: unknown) => void;
}

export class PeerLink {
  private readonly pc: RTCPeerConnection;
  private channel: RTCDataChannel | null = null;
  private makingOffer = false;
  private ignoreOffer = false;
  private sending: Promise<void> = Promise.resolve();
  private receiving: Promise<void> = Promise.resolve();
  private started = false;
  private everConnected = false;
  private restartTimer: ReturnType<typeof setTimeout> | undefined;
  private giveUpTimer: ReturnType<typeof setTimeout> | undefined;
  private media: PeerMedia = { muted: false, cameraOff: false, sharing: false };
  private last = { received: 0, lost: 0 };

  constructor(private readonly o: PeerLinkOptions) {
    this.pc = new RTCPeerConnection(o.config);
    this.pc.onnegotiationneeded = () => void this.offer();
    this.pc.onicecandidate = ({ candidate }) => {
      if (candidate?.candidate)
        this.queue({ type: "candidate", candidate: candidate.toJSON() as Extract<PlainSignal, { type: "candidate" }>["candidate"] });
    };
    this.pc.ontrack = ({ streams, track }) => o.onStream(streams[0] ?? new MediaStream([track]));
    this.pc.onconnectionstatechange = () => this.watch();
    this.giveUpTimer = setTimeout(() => o.onState("failed"), GIVE_UP_AFTER_MS);
    if (!o.polite) this.addLocal();
  }

  /** A signal from the other device (in the order they came). */
  receive(signal: PlainSignal): void {
    this.receiving = this.receiving.then(() => this.handle(signal)).catch(this.o.onError);
  }

  /** Tells the other side what it should show of me (now, and again when the channel opens). */
  tell(media: PeerMedia): void {
    this.media = media;
    if (this.channel?.readyState === "open") this.channel.send(JSON.stringify(media));
  }

  /** Sends this track instead of the one of its kind sent now (another camera or microphone, a screen); no renegotiation. */
  async replace(track: MediaStreamTrack): Promise<void> {
    await this.pc
      .getSenders()
      .find((s) => s.track?.kind === track.kind)
      ?.replaceTrack(track);
  }

  /** This connection's round trip and packets since the last look (for the quality indicator). */
  async sample(): Promise<LinkSample & { relayed: boolean }> {
    const stats = await this.pc.getStats();
    let rtt: number | undefined;
    let localCandidate: string | undefined;
    let received = 0;
    let lost = 0;
    stats.forEach((r) => {
      if (r.type === "candidate-pair" && r.nominated && r.state === "succeeded") {
        rtt = r.currentRoundTripTime ?? rtt;
        localCandidate = r.localCandidateId;
      }
      if (r.type === "inbound-rtp") {
        received += r.packetsReceived ?? 0;
        lost += r.packetsLost ?? 0;
      }
    });
    const relayed = localCandidate !== undefined && stats.get(localCandidate)?.candidateType === "relay";
    const sample = { rtt, packetsReceived: received - this.last.received, packetsLost: lost - this.last.lost, relayed };
    this.last = { received, lost };
    return sample;
  }

  close(): void {
    clearTimeout(this.restartTimer);
    clearTimeout(this.giveUpTimer);
    this.pc.onconnectionstatechange = null;
    this.pc.onnegotiationneeded = null;
    this.pc.onicecandidate = null;
    this.channel?.close();
    this.pc.close();
  }

  /** My tracks and the state channel, once: at once on the offering side, after the first offer on the other (so the offer's transceivers carry them). */
  private addLocal(): void {
    if (this.started) return;
    this.started = true;
    for (const track of this.o.local.getTracks()) this.pc.addTrack(track, this.o.local);
    const channel = this.pc.createDataChannel("media", { negotiated: true, id: 0 });
    channel.onopen = () => channel.send(JSON.stringify(this.media));
    channel.onmessage = ({ data }) => {
      try {
        const media = peerMediaSchema.safeParse(JSON.parse(String(data)));
        if (media.success) this.o.onMedia(media.data);
      } catch {
        // Not JSON: not from this app; ignored.
      }
    };
    this.channel = channel;
  }

  private queue(signal: PlainSignal): void {
    this.sending = this.sending.then(() => this.o.send(signal)).catch(this.o.onError);
  }

  private async offer(): Promise<void> {
    try {
      this.makingOffer = true;
      await this.pc.setLocalDescription();
      const { type, sdp } = this.pc.localDescription as RTCSessionDescription;
      if (type === "offer") this.queue({ type, sdp });
    } catch (error) {
      this.o.onError(error);
    } finally {
      this.makingOffer = false;
    }
  }

  private async handle(signal: PlainSignal): Promise<void> {
    if (signal.type === "candidate") {
      try {
        await this.pc.addIceCandidate(signal.candidate);
      } catch (error) {
        // A candidate of an offer this side ignored is expected to fail.
        if (!this.ignoreOffer) throw error;
      }
      return;
    }
    const collision = signal.type === "offer" && (this.makingOffer || this.pc.signalingState !== "stable");
    this.ignoreOffer = !this.o.polite && collision;
    if (this.ignoreOffer) return;
    await this.pc.setRemoteDescription({ type: signal.type, sdp: signal.sdp });
    if (signal.type !== "offer") return;
    this.addLocal();
    await this.pc.setLocalDescription();
    const { type, sdp } = this.pc.localDescription as RTCSessionDescription;
    if (type === "answer") this.queue({ type, sdp });
  }

  /**
   * Connected: say so. Disconnected (a network change, a relay gone, a moment without packets):
   * "reconnecting", and after RESTART_AFTER_MS an ICE restart from the offering side (from either side when
   * it failed), then again every RESTART_EVERY_MS while it doesn't come back, since the network may return
   * after the first restart found nothing; not connected again within GIVE_UP_AFTER_MS: failed.
   */
  private watch(): void {
    const state = this.pc.connectionState;
    if (state === "connected") {
      this.everConnected = true;
      clearTimeout(this.restartTimer);
      this.restartTimer = undefined;
      clearTimeout(this.giveUpTimer);
      this.giveUpTimer = undefined;
      this.o.onState("connected");
      return;
    }
    if (state !== "disconnected" && state !== "failed") return;
    this.o.onState(this.everConnected ? "reconnecting" : "connecting");
    this.giveUpTimer ??= setTimeout(() => this.o.onState("failed"), GIVE_UP_AFTER_MS);
    this.restartTimer ??= setTimeout(() => this.restart(), state === "failed" ? 0 : RESTART_AFTER_MS);
  }

  private restart(): void {
    const state = this.pc.connectionState;
    if (state === "connected" || state === "closed") {
      this.restartTimer = undefined;
      return;
    }
    if (!this.o.polite || state === "failed") this.pc.restartIce();
    this.restartTimer = setTimeout(() => this.restart(), RESTART_EVERY_MS);
  }
}
