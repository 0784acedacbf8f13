// The message store's write queue: every send, receipt and group change goes through one group commit,
// so a burst costs one transaction, seqs are taken in order and group changes never interleave with sends.
import type { Driver } from "./driver";
import { GroupCommit } from "./group-commit";
import type { AppendInput, ReceiptInput } from "./message-types";
import { appendsIn, receiptsIn } from "./message-writes";

export type WriteOp =
  | { type: "append"; input: AppendInput }
  /** Sends that commit together or not at all (one sender's batch: a failed write can't store a later one first). */
  | { type: "appends"; inputs: AppendInput[] }
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
      // [op index, index within an "appends" op (null for "append"), input]
      let sends: [number, number | null, AppendInput][] = [];
      const flush = async () => {
        const out = await appendsIn(
          tx,
          sends.map(([, , input]) => input),
          now(),
        );
        for (const [k, [i, j]] of sends.entries()) {
          if (j === null) results[i] = out[k];
          else (results[i] as unknown[])[j] = out[k];
        }
        sends = [];
      };
      for (const [i, op] of ops.entries()) {
        if (op.type === "receipt") receipts.push([i, op.input]);
        else if (op.type === "append") sends.push([i, null, op.input]);
        else if (op.type === "appends") {
          results[i] = new Array(op.inputs.length);
          for (const [j, input] of op.inputs.entries()) sends.push([i, j, input]);
        } else {
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
    afterCommit(ops.reduce((n, op) => n + (op.type === "append" ? 1 : op.type === "appends" ? op.inputs.length : 0), 0));
    return results;
  });
}
