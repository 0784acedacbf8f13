// Calls relayed by TURN inside one browser page, for e2e/turn.spec.ts and bench/turn-relay.ts: pairs of
// RTCPeerConnections allowed relay candidates only (iceTransportPolicy "relay"), connected to each other in
// the page, both sides sending the fake camera and microphone (Chromium's --use-fake-device-for-media-stream)
// as in a video call, and a data channel message. Each function runs in the page (page.evaluate), so each is
// self-contained; the open calls wait on globalThis between them.

/** One call as its caller's side sees it. */
export interface RelayCallStats {
  /** The connected candidate pair's local and remote candidate types: "relay" when it goes through TURN. */
  localType: string;
  remoteType: string;
  /** How the relayed candidate reaches the TURN server (udp, tcp or tls). */
  relayProtocol: string | null;
  /** Bytes and packets the caller's side sent and received on the connection: the whole call, both ways. */
  bytesSent: number;
  bytesReceived: number;
  packetsSent: number;
  packetsReceived: number;
  /** Video frames the callee decoded. */
  framesDecoded: number;
}

type Calls = { relayCalls?: [RTCPeerConnection, RTCPeerConnection][]; relayMedia?: MediaStream };

/**
 * Opens `pairs` relayed calls, with the camera at `video` (640x480 unless said), and resolves with what each
 * one's data channel carried. Candidates travel in the offer and answer (each side gathers before sending
 * it), so none can arrive before its description.
 */
export async function openRelayCalls({
  iceServers,
  pairs,
  video = { width: 640, height: 480 },
}: {
  iceServers: RTCIceServer[];
  pairs: number;
  video?: { width: number; height: number };
}): Promise<string[]> {
  const media = await navigator.mediaDevices.getUserMedia({ audio: true, video });
  const gathered = (pc: RTCPeerConnection) =>
    new Promise<RTCSessionDescription>((resolve) => {
      const done = () => pc.iceGatheringState === "complete" && pc.localDescription && resolve(pc.localDescription);
      pc.addEventListener("icegatheringstatechange", done);
      done();
    });
  const calls: [RTCPeerConnection, RTCPeerConnection][] = [];
  const messages: Promise<string>[] = [];
  for (let i = 0; i < pairs; i++) {
    const caller = new RTCPeerConnection({ iceServers, iceTransportPolicy: "relay" });
    const callee = new RTCPeerConnection({ iceServers, iceTransportPolicy: "relay" });
    for (const track of media.getTracks()) {
      caller.addTrack(track, media);
      callee.addTrack(track, media);
    }
    const channel = caller.createDataChannel("chat");
    channel.onopen = () => channel.send(`hello through the relay, call ${i}`);
    messages.push(
      new Promise((resolve) => {
        callee.ondatachannel = ({ channel: incoming }) => {
          incoming.onmessage = ({ data }) => resolve(String(data));
        };
      }),
    );
    await caller.setLocalDescription();
    await callee.setRemoteDescription(await gathered(caller));
    await callee.setLocalDescription();
    await caller.setRemoteDescription(await gathered(callee));
    calls.push([caller, callee]);
  }
  Object.assign(globalThis as Calls, { relayCalls: calls, relayMedia: media });
  return Promise.all(messages);
}

/** Where each open call stands (see RelayCallStats). */
export async function relayCallStats(): Promise<RelayCallStats[]> {
  const calls = (globalThis as Calls).relayCalls ?? [];
  return Promise.all(
    calls.map(async ([caller, callee]) => {
      const reports: any[] = [...(await caller.getStats()).values()];
      const byId = (id: string | undefined) => reports.find((r) => r.id === id);
      const pair = byId(reports.find((r) => r.type === "transport")?.selectedCandidatePairId);
      const local = byId(pair?.localCandidateId);
      const video = [...(await callee.getStats()).values()].find((r) => r.type === "inbound-rtp" && r.kind === "video");
      return {
        localType: local?.candidateType ?? "none",
        remoteType: byId(pair?.remoteCandidateId)?.candidateType ?? "none",
        relayProtocol: local?.relayProtocol ?? null,
        bytesSent: pair?.bytesSent ?? 0,
        bytesReceived: pair?.bytesReceived ?? 0,
        packetsSent: pair?.packetsSent ?? 0,
        packetsReceived: pair?.packetsReceived ?? 0,
        framesDecoded: video?.framesDecoded ?? 0,
      };
    }),
  );
}

/** Hangs up every open call and turns the fake camera and microphone off. */
export function closeRelayCalls(): void {
  const state = globalThis as Calls;
  for (const pc of (state.relayCalls ?? []).flat()) pc.close();
  for (const track of state.relayMedia?.getTracks() ?? []) track.stop();
  Object.assign(state, { relayCalls: [], relayMedia: undefined });
}
