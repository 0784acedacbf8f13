import { describe, expect, it } from "vitest";
import { createSignInLimiter } from "./rate-limit";

describe("sign-in limiter", () => {
  it("allows 10 failures a minute per username, then says how long to wait", () => {
    let now = 1_000_000;
    const limiter = createSignInLimiter(() => now);
    for (let i = 0; i < 10; i++) {
      expect(limiter.retryAfter({ username: "ana", ip: `ip${i}` })).toBe(0);
      limiter.record({ username: "ana", ip: `ip${i}` });
      now += 1000;
    }
    expect(limiter.retryAfter({ username: "ana", ip: "fresh" })).toBe(50);
    expect(limiter.retryAfter({ username: "ben", ip: "fresh" })).toBe(0);
    now += 50_000;
    expect(limiter.retryAfter({ username: "ana", ip: "fresh" })).toBe(0);
  });

  it("allows 50 failures a minute per IP across usernames", () => {
    const now = 5_000;
    const limiter = createSignInLimiter(() => now);
    for (let i = 0; i < 50; i++) limiter.record({ username: `user${i}`, ip: "10.0.0.1" });
    expect(limiter.retryAfter({ username: "someone", ip: "10.0.0.1" })).toBe(60);
    expect(limiter.retryAfter({ username: "someone", ip: "10.0.0.2" })).toBe(0);
  });
});
