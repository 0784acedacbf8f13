// The load-generator processes (bench/worker.ts) and typed calls into them.
import { type ChildProcess, fork } from "node:child_process";
import path from "node:path";
import type { Command, Commands, Reply } from "./protocol";

export class GeneratorPool {
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private nextId = 0;

  private constructor(private readonly workers: ChildProcess[]) {
    for (const worker of workers) {
      worker.on("message", (reply: Reply) => {
        const waiter = this.pending.get(reply.id);
        this.pending.delete(reply.id);
        if (reply.ok) waiter?.resolve(reply.result);
        else waiter?.reject(new Error(reply.error));
      });
      worker.on("exit", (code) => {
        for (const waiter of this.pending.values()) waiter.reject(new Error(`load generator exited with ${code}`));
        this.pending.clear();
      });
    }
  }

  /** `count` processes; process i binds its sockets to 127.0.0.(i + 1). */
  static start(count: number): GeneratorPool {
    const script = path.join(import.meta.dirname, "../worker.ts");
    return new GeneratorPool(
      Array.from({ length: count }, (_, i) =>
        fork(script, [], {
          execArgv: ["--import", "tsx"],
          env: { ...process.env, BENCH_LOCAL_ADDRESS: `127.0.0.${i + 1}` },
          stdio: ["ignore", "inherit", "inherit", "ipc"],
        }),
      ),
    );
  }

  get size(): number {
    return this.workers.length;
  }

  get pids(): number[] {
    return this.workers.map((w) => w.pid as number);
  }

  call<K extends keyof Commands>(worker: number, cmd: K, args: Commands[K]["args"]): Promise<Commands[K]["result"]> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.workers[worker].send({ id, cmd, args } as Command);
    });
  }

  /** The same command on every process, with per-process arguments. */
  all<K extends keyof Commands>(cmd: K, args: (worker: number) => Commands[K]["args"]): Promise<Commands[K]["result"][]> {
    return Promise.all(this.workers.map((_, i) => this.call(i, cmd, args(i))));
  }

  stop(): void {
    for (const worker of this.workers) worker.kill();
  }
}
