// Gives memory back when the server goes quiet. V8 collects its old generation only when allocation pushes
// it past a limit it raised under load, so after a busy spell a server that then idles keeps the garbage of
// that spell (measured: 195 MiB of heap in use after the benchmarks, 77 MiB after one full collection,
// docs/performance.md "Footprint"). Every CHECK_MS this looks at how busy the event loop was; when it was
// nearly idle and the heap grew by GROWTH_BYTES since the last collection, it asks V8 for a full one (a
// few tens of milliseconds, on a server with nothing else to do). A busy server is never interrupted.
import { performance } from "node:perf_hooks";
import v8 from "node:v8";
import vm from "node:vm";

const CHECK_MS = 10_000;
/** At most this share of the last CHECK_MS spent running code counts as idle. */
const IDLE_UTILIZATION = 0.02;
const GROWTH_BYTES = 32 * 2 ** 20;

/** A full garbage collection on demand (V8's `gc`, which a flag set at run time exposes to a new context). */
function fullCollection(): () => void {
  v8.setFlagsFromString("--expose-gc");
  return vm.runInNewContext("gc") as () => void;
}

/** Starts watching; returns what stops it. `collected` hears each collection's heap before and after, in bytes. */
export function collectWhenIdle(
  collected: (before: number, after: number) => void,
  { checkMs = CHECK_MS, growthBytes = GROWTH_BYTES } = {},
): () => void {
  const collect = fullCollection();
  const used = () => v8.getHeapStatistics().used_heap_size;
  let baseline = used();
  let last = performance.eventLoopUtilization();
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    const busy = performance.eventLoopUtilization(now, last).utilization;
    last = now;
    const before = used();
    if (busy > IDLE_UTILIZATION || before - baseline < growthBytes) return;
    collect();
    baseline = used();
    collected(before, baseline);
  }, checkMs);
  timer.unref();
  return () => clearInterval(timer);
}
