// Kysely as a typed SQL compiler only: each statement is built once per dialect, on first use, against the
// DB type (schema.ts), and its compiled text runs through the Driver, which prepares it once (a statement
// cache on SQLite, a named statement on PostgreSQL). A call costs no building: only its parameters, put
// in the slots the statement declared, change. Lists travel as one JSON parameter (`list`, `jsonTable`)
// so a statement's text never depends on how many items a batch has.
import {
  type Compilable,
  DummyDriver,
  type Expression,
  type InsertQueryBuilder,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type RawBuilder,
  type SqlBool,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  sql,
} from "kysely";
import type { Driver, Param } from "./driver";
import type { DB } from "./schema";

export type Dialect = Driver["dialect"];

const compilers: Record<Dialect, Kysely<DB>> = {
  sqlite: new Kysely<DB>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  }),
  postgresql: new Kysely<DB>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  }),
};

/** A parameter of a statement, named when it is built and filled in at each call. */
class Slot {
  constructor(readonly name: string) {}
}

/** What a statement's builder gets: the query builder, the dialect, and its parameters by name. */
export interface Build<Args> {
  db: Kysely<DB>;
  dialect: Dialect;
  /** The parameter `name` (its value comes from the call's arguments). */
  arg<K extends keyof Args & string>(name: K): RawBuilder<Args[K]>;
}

export interface Statement<Args, Out> {
  all(db: Driver, args: Args): Promise<Out[]>;
  get(db: Driver, args: Args): Promise<Out | undefined>;
  run(db: Driver, args: Args): Promise<number>;
}

/** A statement built once per dialect, on first use; its calls pass arguments for the slots `arg` declared. */
export function statement<Args extends Record<string, Param>, Out>(build: (b: Build<Args>) => Compilable<Out>): Statement<Args, Out> {
  const compiled = new Map<Dialect, { sql: string; parameters: readonly unknown[] }>();
  const prepared = (db: Driver, args: Args): [string, Param[]] => {
    let query = compiled.get(db.dialect);
    if (!query) {
      const b: Build<Args> = { db: compilers[db.dialect], dialect: db.dialect, arg: (name) => sql`${new Slot(name)}` };
      query = build(b).compile();
      compiled.set(db.dialect, query);
    }
    return [query.sql, query.parameters.map((p) => (p instanceof Slot ? args[p.name] : (p as Param)))];
  };
  return {
    all: (db, args) => db.all<Out>(...prepared(db, args)),
    get: (db, args) => db.get<Out>(...prepared(db, args)),
    run: (db, args) => db.run(...prepared(db, args)),
  };
}

export type ColumnType = "text" | "integer" | "timestamp";
type ColumnValue<T extends ColumnType> = T extends "integer" ? number : string;

/**
 * Many rows in one JSON parameter (an array of arrays): a derived table `alias` with these columns, in
 * this order. Use as `.as(alias)` in a from or join.
 */
export function jsonTable<C extends Record<string, ColumnType>>(
  dialect: Dialect,
  rows: Expression<string>,
  columns: C,
): RawBuilder<{ [K in keyof C]: ColumnValue<C[K]> }> {
  const pick = Object.entries(columns).map(([name, type], i) =>
    dialect === "sqlite" ? `value ->> ${i} AS "${name}"` : `(e ->> ${i})${type === "text" ? "" : `::${type}`} AS "${name}"`,
  );
  return dialect === "sqlite"
    ? sql`(SELECT ${sql.raw(pick.join(", "))} FROM json_each(${rows}))`
    : sql`(SELECT ${sql.raw(pick.join(", "))} FROM json_array_elements(${rows}::json) AS e)`;
}

/**
 * `value` is in the JSON list of strings `list`. On PostgreSQL as `= ANY(array)`, which the planner looks
 * up in an index (an `IN` over a set-returning function is costed as 100 rows and can turn into a scan).
 */
export function inList(dialect: Dialect, value: Expression<unknown>, list: Expression<string>): RawBuilder<SqlBool> {
  return dialect === "sqlite"
    ? sql`${value} IN (SELECT value FROM json_each(${list}))`
    : sql`${value} = ANY(ARRAY(SELECT json_array_elements_text(${list}::json)))`;
}

/** The greater of two values (MAX in SQLite, GREATEST in PostgreSQL). */
export const greatest = <T>(dialect: Dialect, a: Expression<T>, b: Expression<T>): RawBuilder<T> =>
  dialect === "sqlite" ? sql`MAX(${a}, ${b})` : sql`GREATEST(${a}, ${b})`;

/**
 * On SQLite, writes of many rows whose conflicts FAIL, so the statement needs no journal to undo itself
 * (a failure rolls the whole transaction back anyway); PostgreSQL has no such clause. Kysely builds
 * INSERT OR FAIL, but no UPDATE OR FAIL: that one is set in the compiled text.
 */
export const orFailInsert = <T extends keyof DB, O>(dialect: Dialect, insert: InsertQueryBuilder<DB, T, O>) =>
  dialect === "sqlite" ? insert.orFail() : insert;
export function orFailUpdate<O>(dialect: Dialect, update: Compilable<O>): Compilable<O> {
  if (dialect !== "sqlite") return update;
  return {
    compile: () => {
      const compiled = update.compile();
      return { ...compiled, sql: compiled.sql.replace(/^update /, "update or fail ") };
    },
  };
}
