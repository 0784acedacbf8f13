// CPU time and resident memory of a process, read from /proc (Linux): the server's own figures, not the
// load generator's view of them.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";

const ticksPerSecond = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

export interface ProcSample {
  /** User + system CPU time of every thread, in milliseconds. */
  cpuMs: number;
  rssBytes: number;
}

export function sample(pid: number): ProcSample {
  // Fields after the parenthesised command name: state is field 3, utime 14, stime 15.
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const cpuMs = ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  const rss = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+) kB/m);
  return { cpuMs, rssBytes: rss ? Number(rss[1]) * 1024 : 0 };
}

/** CPU used by a set of processes between start() and the returned stop(). */
export function meter(pids: () => number[]) {
  const before = new Map(pids().map((pid) => [pid, sample(pid).cpuMs]));
  return () => pids().reduce((sum, pid) => sum + sample(pid).cpuMs - (before.get(pid) ?? 0), 0);
}

/** The whole machine's CPU time, busy and in all (/proc/stat, in ticks): whatever else runs here shows in it. */
export function machineTicks() {
  // user nice system idle iowait irq softirq steal (guest time is already in user and nice).
  const ticks = readFileSync("/proc/stat", "utf8").split("\n")[0].split(/\s+/).slice(1, 9).map(Number);
  const all = ticks.reduce((sum, n) => sum + n, 0);
  return { busy: all - ticks[3] - ticks[4], all };
}

/** The machine a result was measured on, for the results file. */
export function machine() {
  const round1 = (n: number) => Math.round(n * 10) / 10;
  return {
    cpu: os.cpus()[0]?.model ?? "unknown",
    cores: os.cpus().length,
    memoryGiB: round1(os.totalmem() / 2 ** 30),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
  };
}
