// Engine tests' setup: devices (tabs) of one user, each an engine over its own fake socket, talking to
// one FakeServer, with a controllable "is the tab seen" activity. Used by tests only.
import { afterEach, beforeEach, vi } from "vitest";
import type { SendMessage, SendMessageBatch } from "@/lib/contracts/messaging";
import type { Activity } from "../activity";
import { type EngineDeps, MessagingEngine } from "../messaging-engine";
import { type ClientStore, memoryStore, type OutboxItem } from "../outbox";
import type { FileUploader } from "../outbox-flush";
import { FakeServer, FakeTransport, usernameOf } from "./fake-server";

export const ME = "me";

/** An upload the engine started; the test moves it along. */
export interface FakeUploadCall {
  item: OutboxItem;
  events: Parameters<FileUploader>[1];
  signal: AbortSignal;
  finish(fileId: string): void;
  fail(error: Error): void;
}

export class EngineHarness {
  readonly server = new FakeServer();
  /** Every upload the engine started, oldest first. */
  readonly uploads: FakeUploadCall[] = [];
  readonly upload: FileUploader = (item, events, signal) =>
    new Promise((resolve, reject) => {
      signal.addEventListener("abort", () => reject(new DOMException("Cancelled", "AbortError")));
      this.uploads.push({ item, events, signal, finish: resolve, fail: reject });
    });
  attentive = true;
  /** REST calls fail as they do without a network (the socket is each device's transport to switch). */
  serverDown = false;
  private readonly listeners = new Set<() => void>();
  private readonly stops: (() => void)[] = [];

  readonly activity: Activity = {
    visible: () => this.attentive,
    attentive: () => this.attentive,
    subscribe: (fn) => {
      this.listeners.add(fn);
      return () => void this.listeners.delete(fn);
    },
  };

  constructor() {
    this.server.addConversation("c1", ME, "bob");
  }

  /** One tab; tabs given the same `storage` share it, like one browser's IndexedDB. `extra`: more deps (a crypto device...). */
  device(storage: ClientStore = memoryStore(), extra: Partial<EngineDeps> = {}) {
    let n = 0;
    const transport = new FakeTransport(this.server, ME);
    const engine = new MessagingEngine({
      me: ME,
      username: usernameOf(ME),
      openStore: async () => storage,
      fetchJson: (path, init) =>
        this.serverDown ? Promise.reject(new Error("Can't reach the server")) : this.server.fetchJson(ME, path, init),
      activity: this.activity,
      upload: this.upload,
      newId: () => `client-id-${++n}-${Math.random().toString(36).slice(2, 8)}`,
      ...extra,
    });
    const stop = engine.start(transport);
    this.stops.push(stop);
    return { engine, transport, storage, stop, state: () => engine.store.getState() };
  }

  /** The tab became visible/focused (or hidden): tells everyone listening. */
  setAttentive(attentive: boolean) {
    this.attentive = attentive;
    for (const fn of this.listeners) fn();
  }

  /** Payloads of the requests the server got for one event. */
  requests(event: string) {
    return this.server.log.filter((l) => l.event === event).map((l) => l.payload);
  }

  /** Every message the server was sent, in order, alone or in a batch (retries included). */
  sent(): SendMessage[] {
    return this.server.log.flatMap(({ event, payload }) =>
      event === "message:send" ? [payload as SendMessage] : event === "message:send-batch" ? (payload as SendMessageBatch).messages : [],
    );
  }

  stopAll() {
    for (const stop of this.stops.splice(0)) stop();
  }
}

/** Lets pending promises and zero-delay timers run (fake timers are on). */
export const settle = () => vi.advanceTimersByTimeAsync(1);

/** A fresh harness per test with fake timers; read it through the returned getter. */
export function setUpEngineHarness(): () => EngineHarness {
  let h: EngineHarness;
  beforeEach(() => {
    vi.useFakeTimers();
    h = new EngineHarness();
  });
  afterEach(() => {
    h.stopAll();
    vi.useRealTimers();
  });
  return () => h;
}
