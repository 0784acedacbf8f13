import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { collectWhenIdle } from "./idle-collect";

/** Leaves about `mib` MiB of garbage on the heap. */
function garbage(mib: number): number {
  let kept: { n: number; pad: string }[] = [];
  for (let i = 0; i < mib * 10_000; i++) kept.push({ n: i, pad: `x${i}`.padEnd(64, "y") });
  const count = kept.length;
  kept = [];
  return count;
}

describe("collecting when idle", () => {
  it("gives the garbage of a busy spell back once the server is quiet", async () => {
    const collections: [number, number][] = [];
    const stop = collectWhenIdle((before, after) => collections.push([before, after]), { checkMs: 300, growthBytes: 8 * 2 ** 20 });
    try {
      garbage(40);
      await sleep(1_000);
      expect(collections.length).toBeGreaterThan(0);
      const [before, after] = collections[0];
      expect(before - after).toBeGreaterThan(8 * 2 ** 20);
    } finally {
      stop();
    }
  });

  it("leaves a busy event loop alone", async () => {
    const collections: [number, number][] = [];
    const stop = collectWhenIdle((before, after) => collections.push([before, after]), { checkMs: 200, growthBytes: 1 });
    try {
      const until = Date.now() + 1_000;
      while (Date.now() < until) {
        garbage(1);
        await new Promise((resolve) => setImmediate(resolve));
      }
      expect(collections).toEqual([]);
    } finally {
      stop();
    }
  });
});
