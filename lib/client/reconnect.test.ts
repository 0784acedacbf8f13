import { EventEmitter } from "node:events";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  type FinalRefusal,
  REFUSED_RETRY_MAX_MS,
  REFUSED_RETRY_MS,
  type RetryableSocket,
  refusedRetryDelay,
  retryRefusals,
} from "./reconnect";

/** A socket.io-client socket as far as the retries see it: refusals make it inactive, connect() makes it active again. */
class FakeSocket extends EventEmitter implements RetryableSocket {
  active = true;
  connects = 0;
  connect() {
    this.connects += 1;
    this.active = true;
  }
  refuse(message: string, data?: unknown) {
    this.active = false;
    this.emit("connect_error", Object.assign(new Error(message), { data }));
  }
  transportError() {
    this.emit("connect_error", new Error("websocket error"));
  }
}

describe("retryRefusals", () => {
  let socket: FakeSocket;
  let final: ReturnType<typeof vi.fn<(reason: FinalRefusal) => void>>;
  let stop: () => void;
  beforeEach(() => {
    vi.useFakeTimers();
    socket = new FakeSocket();
    final = vi.fn<(reason: FinalRefusal) => void>();
    stop = retryRefusals(socket, final);
  });
  afterEach(() => {
    stop();
    vi.useRealTimers();
  });

  it("leaves transport errors to Socket.IO's own reconnection", () => {
    socket.transportError();
    vi.advanceTimersByTime(REFUSED_RETRY_MAX_MS * 2);
    expect(socket.connects).toBe(0);
  });

  it("connects again after a refusal, backing off while refusals go on and starting over after a connect", () => {
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      socket.refuse("internal");
      const before = socket.connects;
      let waited = 0;
      while (socket.connects === before) {
        vi.advanceTimersByTime(100);
        waited += 100;
      }
      waits.push(waited);
    }
    expect(waits[0]).toBeLessThanOrEqual(REFUSED_RETRY_MS + 100);
    expect(waits.at(-1)).toBeGreaterThanOrEqual(REFUSED_RETRY_MAX_MS / 2);
    expect(Math.max(...waits)).toBeLessThanOrEqual(REFUSED_RETRY_MAX_MS + 100);

    socket.emit("connect");
    socket.refuse("internal");
    vi.advanceTimersByTime(REFUSED_RETRY_MS);
    expect(socket.connects).toBe(9);
  });

  it("waits at least the retryAfter the refusal names", () => {
    socket.refuse("too_many_sockets", { retry: true, retryAfter: 20 });
    vi.advanceTimersByTime(19_900);
    expect(socket.connects).toBe(0);
    vi.advanceTimersByTime(200);
    expect(socket.connects).toBe(1);
  });

  it('never retries "update_required": the app must be reloaded', () => {
    socket.refuse("update_required", { code: "update_required", supported: { min: 2, max: 2 } });
    vi.advanceTimersByTime(REFUSED_RETRY_MAX_MS * 2);
    expect(socket.connects).toBe(0);
    expect(final).toHaveBeenCalledExactlyOnceWith("update_required");
  });

  it('never retries "unauthorized": it signs out', () => {
    socket.refuse("unauthorized");
    vi.advanceTimersByTime(REFUSED_RETRY_MAX_MS * 2);
    expect(socket.connects).toBe(0);
    expect(final).toHaveBeenCalledExactlyOnceWith("unauthorized");
  });

  it("stops retrying once stopped (the tab's provider went away)", () => {
    socket.refuse("internal");
    stop();
    vi.advanceTimersByTime(REFUSED_RETRY_MAX_MS * 2);
    expect(socket.connects).toBe(0);
  });
});

describe("refusedRetryDelay", () => {
  it("is jittered over the upper half of a doubling window, capped", () => {
    expect(refusedRetryDelay(0, 0, () => 0)).toBe(REFUSED_RETRY_MS / 2);
    expect(refusedRetryDelay(0, 0, () => 1)).toBe(REFUSED_RETRY_MS);
    expect(refusedRetryDelay(3, 0, () => 1)).toBe(REFUSED_RETRY_MS * 8);
    expect(refusedRetryDelay(50, 0, () => 1)).toBe(REFUSED_RETRY_MAX_MS);
  });
});
