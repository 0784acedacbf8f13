// `npm run bench` (quick, a few minutes) or `npm run bench -- --full`: starts the real server (production
// build) on SQLite and on PostgreSQL, makes users through the public API, runs every scenario against it
// with load-generator processes on this machine, prints a summary and writes bench/results/<date>-<mode>.json.
// Options: --db sqlite|postgresql, --only ticks,latency,..., --workers N, --profile (the server writes a
// V8 CPU profile to bench/results/profiles/ when it stops: open it in Chrome DevTools or speedscope),
// --nodes N (multi-node mode: N server processes on PostgreSQL and the Redis at BENCH_REDIS_URL, users
// spread over them so that every direct chat crosses nodes).
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { Redis } from "ioredis";
import pg from "pg";
import { type RunningServer, startServer } from "../test/helpers/server";
import { BENCH_LIMITS, type Bench } from "./lib/bench";
import { sampleCiphertext } from "./lib/e2ee-sample";
import { GeneratorPool } from "./lib/pool";
import { machine } from "./lib/proc";
import { createUsers, openPairs } from "./lib/setup";
import { round } from "./lib/stats";
import { fanout } from "./scenarios/fanout";
import { footprintAfterRun, footprintAtStart } from "./scenarios/footprint";
import { idleConnections } from "./scenarios/idle";
import { latency } from "./scenarios/latency";
import { media } from "./scenarios/media";
import { offlineSync } from "./scenarios/offline-sync";
import { pushes } from "./scenarios/push";
import { rest } from "./scenarios/rest";
import { search } from "./scenarios/search";
import { reconnectStorm } from "./scenarios/storm";
import { tickCycles } from "./scenarios/ticks";

const { values: opts } = parseArgs({
  options: {
    full: { type: "boolean", default: false },
    db: { type: "string", multiple: true },
    only: { type: "string" },
    workers: { type: "string", default: "2" },
    profile: { type: "boolean", default: false },
    nodes: { type: "string", default: "1" },
  },
});
const nodes = Number(opts.nodes);
const redisUrl = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";

// The server process may hold at most `ulimit -n` descriptors; leave room for its own files and the database.
const fdLimit = Number(process.env.BENCH_FD_LIMIT ?? 20_000);
const sizes = opts.full
  ? {
      users: 2_000,
      tickPairs: 100,
      tickSeconds: 20,
      rate: 500,
      latencySeconds: 30,
      groupMembers: 1_024,
      fanoutMessages: 20,
      syncRounds: 5,
      storm: 5_000,
      idle: Math.min(20_000, fdLimit - 500),
      media: { photos: 40, documents: 10, documentMiB: 20, concurrency: 4 },
      search: { messages: 20_000, queries: 300, concurrency: 4 },
      push: { members: 1_000, messages: 10 },
      rest: { clients: 50, seconds: 15 },
    }
  : {
      users: 300,
      tickPairs: 50,
      tickSeconds: 5,
      rate: 200,
      latencySeconds: 5,
      groupMembers: 256,
      fanoutMessages: 5,
      syncRounds: 3,
      storm: 1_000,
      idle: 2_000,
      media: { photos: 8, documents: 4, documentMiB: 8, concurrency: 4 },
      search: { messages: 3_000, queries: 100, concurrency: 4 },
      push: { members: 200, messages: 5 },
      rest: { clients: 50, seconds: 5 },
    };

// Idle runs first, on a fresh server, so its memory figure isn't hidden by heap the others grew.
const scenarios: Record<string, (bench: Bench) => Promise<unknown>> = {
  idle: (b) => idleConnections(b, { connections: sizes.idle }),
  ticks: (b) => tickCycles(b, { pairs: sizes.tickPairs, seconds: sizes.tickSeconds }),
  ticksEncrypted: async (b) => tickCycles(b, { pairs: sizes.tickPairs, seconds: sizes.tickSeconds, encrypted: await sampleCiphertext() }),
  latency: (b) => latency(b, { perSecond: sizes.rate, seconds: sizes.latencySeconds }),
  fanout: (b) => fanout(b, { members: sizes.groupMembers, messages: sizes.fanoutMessages }),
  offlineSync: (b) => offlineSync(b, { messages: 1_000, rounds: sizes.syncRounds }),
  reconnectStorm: (b) => reconnectStorm(b, { clients: sizes.storm }),
  media: (b) => media(b, sizes.media),
  search: (b) => search(b, sizes.search),
  push: (b) => pushes(b, sizes.push),
  rest: (b) => rest(b, sizes.rest),
};
// Footprint brackets the others: its first half runs before the run's users are made, its second after the last scenario.
const FOOTPRINT = "footprint";
const chosen = opts.only ? opts.only.split(",") : [FOOTPRINT, ...Object.keys(scenarios)];
for (const name of chosen)
  if (!scenarios[name] && name !== FOOTPRINT)
    throw new Error(`unknown scenario ${name}; choose from ${[FOOTPRINT, ...Object.keys(scenarios)].join(", ")}`);
const databases = opts.db ?? (nodes > 1 ? ["postgresql"] : ["sqlite", "postgresql"]);
if (nodes > 1 && databases.includes("sqlite")) throw new Error("multi-node runs (--nodes) need PostgreSQL: use --db postgresql");

/** The local Redis's pid, so its CPU and memory count as the server side's; its keys under `prefix` are dropped afterwards. */
async function benchRedis(prefix: string): Promise<{ pid: number; drop: () => Promise<void> }> {
  const redis = new Redis(redisUrl);
  const pid = Number((await redis.info("server")).match(/^process_id:(\d+)/m)?.[1]);
  return {
    pid,
    drop: async () => {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
    },
  };
}

/** A fresh PostgreSQL database on BENCH_PG_URL's server (default: local, user postgres); dropped afterwards. */
async function freshPostgres(): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = new URL(process.env.BENCH_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres");
  const name = `cbx_bench_${process.pid}_${Date.now()}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

async function runOn(database: string) {
  const pgDb = database === "postgresql" ? await freshPostgres() : null;
  const profile = opts.profile ? ["--cpu-prof", `--cpu-prof-dir=${path.join(import.meta.dirname, "results/profiles")}`] : [];
  const prefix = `cbx-bench-${process.pid}:`;
  const redis = nodes > 1 ? await benchRedis(prefix) : null;
  const env = {
    ...BENCH_LIMITS,
    TRUST_PROXY: "true",
    // The push scenario's push service runs in this process.
    PUSH_SERVICE_HOSTS: "http://127.0.0.1:*",
    ...(pgDb ? { DATABASE_URL: pgDb.url } : {}),
    ...(redis ? { REDIS_URL: redisUrl, REDIS_PREFIX: prefix, AUTH_SECRET: randomBytes(32).toString("base64url") } : {}),
  };
  const servers: RunningServer[] = [];
  // One after another: the first applies the migrations.
  for (let i = 0; i < nodes; i++) servers.push(await startServer(env, profile));
  const [server] = servers;
  const pool = GeneratorPool.start(Number(opts.workers));
  const results: Record<string, unknown> = {};
  const serverPid = server.process.pid as number;
  try {
    const atStart = chosen.includes(FOOTPRINT) ? await footprintAtStart(server.url, serverPid) : null;
    if (atStart) console.log(`[${database}] footprint at start`, atStart);
    console.log(`\n[${database}] creating ${sizes.users} users through the API...`);
    const made = await createUsers(server.url, sizes.users);
    results.accounts = {
      users: sizes.users,
      signUpsPerSecond: round(made.signUpsPerSecond, 0),
      loginsPerSecond: round(made.loginsPerSecond, 0),
    };
    console.log(`[${database}] accounts`, results.accounts);
    const nodeOfUser = new Map(made.users.map((u, i) => [u.userId, servers[i % nodes].url]));
    const bench: Bench = {
      url: server.url,
      serverPids: [...servers.map((s) => s.process.pid as number), ...(redis ? [redis.pid] : [])],
      nodeOf: (userId) => nodeOfUser.get(userId) ?? server.url,
      pool,
      users: made.users,
      tokens: new Map(made.users.map((u) => [u.userId, u.token])),
      pairs: await openPairs(server.url, made.users),
    };
    for (const name of chosen.filter((n) => n !== FOOTPRINT)) {
      console.log(`[${database}] ${name}...`);
      results[name] = await scenarios[name](bench);
      console.dir(results[name], { depth: 3 });
    }
    if (atStart) {
      console.log(`[${database}] footprint: a minute idle...`);
      results[FOOTPRINT] = { ...atStart, ...(await footprintAfterRun(serverPid, atStart.rssAfterPageLoadMiB)) };
      console.dir(results[FOOTPRINT], { depth: 3 });
    }
  } finally {
    pool.stop();
    await Promise.all(servers.map((s) => s.stop()));
    await pgDb?.drop();
    await redis?.drop();
  }
  return results;
}

const started = new Date();
const report = {
  date: started.toISOString(),
  mode: opts.full ? "full" : "quick",
  command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`,
  machine: machine(),
  generatorProcesses: Number(opts.workers),
  serverNodes: nodes,
  sizes,
  results: {} as Record<string, unknown>,
};
for (const database of databases) report.results[database] = await runOn(database);
const file = path.join(
  import.meta.dirname,
  "results",
  `${started.toISOString().slice(0, 19).replaceAll(":", "-")}-${report.mode}${nodes > 1 ? `-${nodes}-nodes` : ""}.json`,
);
writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
console.log(`\nwrote ${path.relative(process.cwd(), file)} in ${round((Date.now() - started.getTime()) / 1000, 0)} s`);
