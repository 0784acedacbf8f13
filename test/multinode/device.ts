// A device as the app runs it: the real MessagingEngine (outbox, cursor sync, receipts) over a real
// Socket.IO connection, here with an in-memory outbox and a tab that is always in view.
import { io } from "socket.io-client";
import type { Activity } from "../../lib/client/activity";
import { type FetchJson, MessagingEngine } from "../../lib/client/messaging-engine";
import { memoryStore } from "../../lib/client/outbox";
import { socketTransport } from "../../lib/client/transport";
import type { ChatMessage } from "../../lib/contracts/messaging";
import type { TestSocket, TestUser } from "../helpers/client";
import { signInDevice } from "../helpers/messaging-client";

export interface Device {
  name: string;
  user: TestUser;
  engine: MessagingEngine;
  socket: TestSocket;
  /** Every message:created this device's socket received, as it came. */
  live: ChatMessage[];
  /** The messages held for a conversation, ascending seq. */
  messages(conversationId: string): ChatMessage[];
  /** Sends not yet acknowledged. */
  pending(): number;
  /** What the faults did to this device: lost connections, failed or unanswered commands, sends a retry found stored, "sync:needed" hints. */
  readonly seen: { disconnects: number; failures: number; duplicates: number; syncHints: number };
  close(): void;
}

const inView: Activity = { visible: () => true, attentive: () => true, subscribe: () => () => {} };

/** `base` is where the device connects: the balancer, or one node. Each device signs in with its own token. */
export async function startDevice(base: string, user: TestUser, name: string): Promise<Device> {
  const token = await signInDevice(base, user);
  const fetchJson: FetchJson = async (path, init = {}) => {
    const res = await fetch(base + path, {
      method: init.method ?? "GET",
      headers: { authorization: `Bearer ${token}`, ...(init.json === undefined ? {} : { "content-type": "application/json" }) },
      body: init.json === undefined ? undefined : JSON.stringify(init.json),
    });
    const body = res.status === 204 ? undefined : await res.json().catch(() => null);
    if (!res.ok) throw new Error(`${init.method ?? "GET"} ${path}: ${res.status} ${JSON.stringify(body)}`);
    return body as never;
  };
  const socket: TestSocket = io(base, { transports: ["websocket"], auth: { token }, forceNew: true });
  // What the app does (components/realtime/socket-provider.tsx): a draining node's clients reconnect elsewhere.
  socket.on("server:draining", () => socket.io.engine.close());
  const live: ChatMessage[] = [];
  socket.on("message:created", (m) => void live.push(m));
  const engine = new MessagingEngine({
    me: user.userId,
    username: user.username,
    openStore: async () => memoryStore(),
    fetchJson,
    activity: inView,
    upload: () => Promise.reject(new Error("this test sends no files")),
  });
  const counts = { disconnects: 0, failures: 0, duplicates: 0, syncHints: 0 };
  socket.on("disconnect", () => void counts.disconnects++);
  socket.on("sync:needed", () => void counts.syncHints++);
  const transport = socketTransport(socket);
  const stop = engine.start({
    ...transport,
    request: async (event, payload, timeoutMs) => {
      try {
        const ack = await transport.request(event, payload, timeoutMs);
        if (!ack.ok) counts.failures++;
        else if (event === "message:send" && (ack.data as { duplicate: boolean }).duplicate) counts.duplicates++;
        return ack;
      } catch (error) {
        counts.failures++;
        throw error;
      }
    },
  });
  await new Promise<void>((resolve) => (socket.connected ? resolve() : socket.once("connect", () => resolve())));
  return {
    name,
    user,
    engine,
    socket,
    live,
    messages: (conversationId) => engine.store.getState().messages[conversationId] ?? [],
    pending: () => engine.store.getState().pending.length,
    seen: counts,
    close() {
      stop();
      socket.disconnect();
    },
  };
}
