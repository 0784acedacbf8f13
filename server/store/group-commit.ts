// Group commit: operations that arrive while one batch is being written queue up and are written
// together in the next transaction, so a burst costs one commit instead of one per operation.
// Each caller's promise settles only after the transaction holding its operation has committed.

interface Pending<Op, R> {
  op: Op;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

export class GroupCommit<Op, R> {
  private queue: Pending<Op, R>[] = [];
  private running = false;

  /** `writeBatch` runs all operations in one transaction and returns one result per operation. */
  constructor(
    private readonly writeBatch: (ops: Op[]) => Promise<R[]>,
    private readonly maxBatch = 500,
  ) {}

  submit(op: Op): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ op, resolve, reject });
      if (!this.running) {
        this.running = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  /** Resolves once everything submitted so far is written. */
  async idle(): Promise<void> {
    while (this.running) await new Promise((r) => setTimeout(r, 5));
  }

  private async drain(): Promise<void> {
    while (this.queue.length) {
      const batch = this.queue.splice(0, this.maxBatch);
      try {
        const results = await this.writeBatch(batch.map((p) => p.op));
        for (const [i, p] of batch.entries()) p.resolve(results[i]);
      } catch {
        // One bad operation must not fail its neighbours: retry each alone, and only it fails.
        for (const p of batch) {
          await this.writeBatch([p.op]).then(([r]) => p.resolve(r), p.reject);
        }
      }
    }
    this.running = false;
  }
}
