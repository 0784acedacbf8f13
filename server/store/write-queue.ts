// The message store's write queue: every send, receipt and group change goes through one group commit,
// so a burst costs one transaction, seqs are taken in order and group changes never interleave with sends.
import type { Driver } from "./driver";
import { GroupCommit } from "./group-commit";
import type { AppendInput, ReceiptInput } from "./message-types";
import { appendsIn, receiptsIn } from "./message-writes";

export type WriteOp =
  | { type: "append"; input: AppendInput }
  | { type: "receipt"; input: ReceiptInput }
  | { type: "custom"; run: (tx: Driver) => Promise<unknown> };
type WriteResult = unknown;

/**
 * Writes each batch in one transaction: in order, except that the sends between two custom operations
 * (group changes) are planned and written together, and the receipts go last, all together. A report
 * only covers messages its device already had, all committed before it was made, so the sends in the
 * batch can't change what it means.
 */
export function writeQueue(
  db: Driver,
  now: () => Date,
  /** Runs after each commit with the number of sends in it, before its callers hear of it (fault tests crash here). */
  afterCommit: (sends: number) => void,
): GroupCommit<WriteOp, WriteResult> {
  return new GroupCommit(async (ops) => {
    const results = await db.transaction(async (tx) => {
      const results: WriteResult[] = new Array(ops.length);
      const receipts: [number, ReceiptInput][] = [];
      let sends: [number, AppendInput][] = [];
      const flush = async () => {
        const out = await appendsIn(
          tx,
          sends.map(([, input]) => input),
          now(),
        );
        for (const [k, [i]] of sends.entries()) results[i] = out[k];
        sends = [];
      };
      for (const [i, op] of ops.entries()) {
        if (op.type === "receipt") receipts.push([i, op.input]);
        else if (op.type === "append") sends.push([i, op.input]);
        else {
          if (sends.length) await flush();
          results[i] = await op.run(tx);
        }
      }
      if (sends.length) await flush();
      if (receipts.length) {
        const out = await receiptsIn(
          tx,
          receipts.map(([, input]) => input),
          now(),
        );
        for (const [k, [i]] of receipts.entries()) results[i] = out[k];
      }
      return results;
    });
    afterCommit(ops.filter((op) => op.type === "append").length);
    return results;
  });
}
