// The thinnest common face of better-sqlite3 and pg the message store needs. SQL is written once with
// `?` placeholders and double-quoted identifiers, which both dialects accept (pg gets $1, $2...).
import { once } from "node:events";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import Database from "better-sqlite3";
import pg from "pg";
import { providerOf, sqliteFile } from "../db/provider";

export type Row = Record<string, unknown>;
export type Param = string | number | boolean | null | Uint8Array;

export interface Driver {
  readonly dialect: "sqlite" | "postgresql";
  all<T = Row>(sql: string, params?: Param[]): Promise<T[]>;
  get<T = Row>(sql: string, params?: Param[]): Promise<T | undefined>;
  run(sql: string, params?: Param[]): Promise<number>;
  /** Runs `fn` in one transaction on one connection; only the store's write queue calls it, one at a time. */
  transaction<T>(fn: (tx: Driver) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * Many rows in one parameter: a derived table `alias` with these columns, filled from a JSON array of
 * arrays (see `json`). The SQL text is the same whatever the number of rows, so it is prepared once,
 * instead of once per list length (and, on PostgreSQL, kept by every connection).
 */
export function jsonRows(
  dialect: Driver["dialect"],
  alias: string,
  columns: [name: string, type: "text" | "integer" | "boolean" | "timestamp"][],
): string {
  const pick = columns.map(([name, type], i) =>
    dialect === "sqlite" ? `value ->> ${i} AS "${name}"` : `(e ->> ${i})${type === "text" ? "" : `::${type}`} AS "${name}"`,
  );
  return dialect === "sqlite"
    ? `(SELECT ${pick.join(", ")} FROM json_each(?)) AS ${alias}`
    : `(SELECT ${pick.join(", ")} FROM json_array_elements(?::json) AS e) AS ${alias}`;
}

/**
 * "Is in this list of strings", the list in one parameter (`json(list)`): `x ${inJson(dialect)}`. On
 * PostgreSQL as `= ANY(array)`, which the planner looks up in an index (an `IN` over a set-returning
 * function is costed as 100 rows and can turn into a scan of a small table).
 */
export const inJson = (dialect: Driver["dialect"]): string =>
  dialect === "sqlite" ? "IN (SELECT value FROM json_each(?))" : "= ANY(ARRAY(SELECT json_array_elements_text(?::json)))";

export const json = (value: unknown[]): string => JSON.stringify(value);

/**
 * The conflict clause for writes of many rows: on SQLite, FAIL, so the statement needs no journal to
 * undo itself (a failure rolls the whole transaction back anyway); PostgreSQL has no such clause.
 */
export const orFail = (dialect: Driver["dialect"]): string => (dialect === "sqlite" ? " OR FAIL" : "");

/** Timestamps in the format Prisma's adapters read back (SQLite keeps ISO text with "+00:00"). */
export const toDbTime = (dialect: Driver["dialect"], date: Date): string =>
  dialect === "sqlite" ? date.toISOString().replace("Z", "+00:00") : date.toISOString();

/** A boolean column as read: true/false from PostgreSQL, 1/0 from SQLite. */
export const truthy = (v: unknown) => v === true || v === 1 || v === "1";

export const fromDbTime = (value: unknown): string | null => (value == null ? null : new Date(value as string | Date).toISOString());

function sqliteDriver(file: string): Driver {
  const open = () => {
    const db = new Database(file);
    db.pragma("journal_mode = WAL");
    // NORMAL is durable across process crashes in WAL mode (only an OS crash can lose the last commits).
    db.pragma("synchronous = NORMAL");
    db.pragma("busy_timeout = 5000");
    db.pragma("foreign_keys = ON");
    // Checkpoints run on the checkpointer thread (below), never inside a commit on the event loop.
    db.pragma("wal_autocheckpoint = 0");
    // Multi-row writes keep a statement journal (to undo a statement that fails halfway); in memory, not a temp file.
    db.pragma("temp_store = MEMORY");
    const cache = new Map<string, Database.Statement>();
    const prepare = (sql: string) => {
      let stmt = cache.get(sql);
      if (!stmt) {
        stmt = db.prepare(sql);
        cache.set(sql, stmt);
      }
      return stmt;
    };
    return { db, prepare };
  };
  // Writes happen on one connection inside transactions; reads use a second one, so a read that runs
  // while a batch is being written never sees rows that are not committed yet (WAL keeps them apart).
  const writer = open();
  const reader = open();
  const checkpointer = startCheckpointer(file);
  const on = (c: ReturnType<typeof open>): Omit<Driver, "transaction" | "close"> => ({
    dialect: "sqlite",
    all: async (sql, params = []) => c.prepare(sql).all(...params) as never,
    get: async (sql, params = []) => c.prepare(sql).get(...params) as never,
    run: async (sql, params = []) => c.prepare(sql).run(...params).changes,
  });
  const inTx: Driver = { ...on(writer), transaction: () => Promise.reject(new Error("nested transaction")), close: async () => {} };
  return {
    ...on(reader),
    async transaction(fn) {
      writer.prepare("BEGIN IMMEDIATE").run();
      try {
        const result = await fn(inTx);
        writer.prepare("COMMIT").run();
        return result;
      } catch (error) {
        if (writer.db.inTransaction) writer.prepare("ROLLBACK").run();
        throw error;
      }
    },
    close: async () => {
      checkpointer.postMessage("stop");
      await once(checkpointer, "exit");
      writer.db.close();
      reader.db.close();
    },
  };
}

/**
 * Copies the WAL back into the database every half second from a worker thread with its own connection.
 * SQLite's automatic checkpoint would run inside a commit, on the event loop, stalling every socket for
 * milliseconds each time (see docs/performance.md). PASSIVE never blocks the writer; once a checkpoint
 * has caught up, the next commit starts the WAL file over, so it stays small.
 */
function startCheckpointer(file: string): Worker {
  const worker = new Worker(CHECKPOINTER, {
    eval: true,
    workerData: { file, module: createRequire(import.meta.url).resolve("better-sqlite3"), intervalMs: 500 },
  });
  worker.unref();
  return worker;
}

const CHECKPOINTER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.module);
const db = new Database(workerData.file);
db.pragma("busy_timeout = 5000");
const timer = setInterval(() => {
  try { db.pragma("wal_checkpoint(PASSIVE)"); } catch {}
}, workerData.intervalMs);
parentPort.on("message", () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * The statement as pg runs it: `?` numbered $1, $2..., and named, so each connection parses and plans it
 * once and afterwards only binds and executes (a named statement is prepared on first use).
 */
const statements = new Map<string, pg.QueryConfig>();
function statement(sql: string): pg.QueryConfig {
  let config = statements.get(sql);
  if (!config) {
    let i = 0;
    config = { name: `s${statements.size}`, text: sql.replace(/\?/g, () => `$${++i}`) };
    statements.set(sql, config);
  }
  return config;
}

function pgQueries(query: (config: pg.QueryConfig) => Promise<pg.QueryResult>): Omit<Driver, "transaction" | "close"> {
  const run = (sql: string, values: Param[]) => query({ ...statement(sql), values });
  return {
    dialect: "postgresql",
    all: async (sql, params = []) => (await run(sql, params)).rows as never,
    get: async (sql, params = []) => (await run(sql, params)).rows[0] as never,
    run: async (sql, params = []) => (await run(sql, params)).rowCount ?? 0,
  };
}

function postgresDriver(url: string): Driver {
  // "timestamp without time zone" columns hold UTC; read them as UTC whatever the machine's zone.
  const types = {
    getTypeParser: ((oid: number, format?: string) =>
      oid === 1114
        ? (v: string) => new Date(`${v.replace(" ", "T")}Z`)
        : pg.types.getTypeParser(oid, format as never)) as typeof pg.types.getTypeParser,
  };
  // Every statement here looks rows up by key, so one generic plan per prepared statement serves every
  // call; PostgreSQL would otherwise plan the first five calls of each again on each connection.
  const pool = new pg.Pool({ connectionString: url, max: 8, types, options: "-c plan_cache_mode=force_generic_plan" });
  // An idle connection that PostgreSQL drops (a restart, a failover) is reported here; without a listener
  // it would end the process. The pool replaces it on the next query.
  pool.on("error", () => {});
  return {
    ...pgQueries((config) => pool.query(config)),
    async transaction(fn) {
      const client = await pool.connect();
      let failed = false;
      try {
        // The writes look rows up by key from JSON lists, which the planner guesses at 100 rows; on small
        // tables that guess makes a hash join over a full scan look cheaper than index look-ups (it is
        // not: the lists are a batch, the tables grow). Nested loops keep every write on its indexes.
        await client.query("BEGIN; SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off");
        const result = await fn({
          ...pgQueries((config) => client.query(config)),
          transaction: () => Promise.reject(new Error("nested transaction")),
          close: async () => {},
        });
        await client.query("COMMIT");
        return result;
      } catch (error) {
        failed = true;
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        // After a failure the connection may be the broken one: close it rather than hand it out again.
        client.release(failed);
      }
    },
    close: () => pool.end(),
  };
}

export function createDriver(databaseUrl: string): Driver {
  return providerOf(databaseUrl) === "postgresql" ? postgresDriver(databaseUrl) : sqliteDriver(sqliteFile(databaseUrl));
}
