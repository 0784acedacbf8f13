import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChatMessage, type ConversationSummary, messageStatus, type Watermarks } from "../../lib/contracts/messaging";
import { createUser, request } from "../helpers/client";
import { testDatabases } from "../helpers/databases";
import { openDirect } from "../helpers/messaging";
import { fullHistory, signInDevice } from "../helpers/messaging-client";
import { type RunningServer, startServer } from "../helpers/server";
import {
  Device,
  fmtMessage,
  fmtWatermarks,
  isNonDecreasing,
  minWatermarks,
  RANK,
  Run,
  type Stats,
  sameWatermarks,
  userNames,
} from "../property/messaging-model";
import { DEVICES, type DeviceName, formatCommand, formatScenario, type Scenario, scenarioArb } from "../property/messaging-program";

// ---------------------------------------------------------------------------------------------------
// One run: fresh users, the program, the final sync, the checks

/** Fresh users for one run: A and B, a second token (device) each, and their direct conversation. */
async function freshPair(base: string, n: number) {
  // TRUST_PROXY is on: every pair signs up from its own address, clear of the 30-a-minute sign-up limit.
  const fromIp = { "x-forwarded-for": `10.77.${Math.floor(n / 250) % 250}.${(n % 250) + 1}` };
  const [a, b] = await Promise.all([createUser(base, "Ana", fromIp), createUser(base, "Ben", fromIp)]);
  const [a1, b1] = await Promise.all([signInDevice(base, a, fromIp), signInDevice(base, b, fromIp)]);
  const opened = await openDirect(base, a, b);
  return { a, b, a1, b1, conversationId: opened.id };
}

let pairsMade = 0;

async function runScenario(base: string, scenario: Scenario, stats: Stats): Promise<void> {
  let t = Date.now();
  const lap = (key: keyof Stats["ms"]) => {
    stats.ms[key] += Date.now() - t;
    t = Date.now();
  };
  const { a, b, a1, b1, conversationId } = await freshPair(base, ++pairsMade);
  lap("users");

  userNames.clear();
  userNames.set(a.userId, "A").set(b.userId, "B");
  const run = new Run(base, conversationId, scenario.pageSize, stats);
  const tokens: Record<DeviceName, [string, string, string]> = {
    A0: [a.userId, b.userId, a.token],
    A1: [a.userId, b.userId, a1],
    B0: [b.userId, a.userId, b.token],
    B1: [b.userId, a.userId, b1],
  };
  run.devices = DEVICES.map((name) => new Device(run, name, ...tokens[name]));
  const device = (name: DeviceName) => run.devices[DEVICES.indexOf(name)];
  try {
    await Promise.all(run.devices.filter((d) => scenario.online[d.name]).map((d) => d.connect()));
    lap("setup");

    for (const [i, command] of scenario.commands.entries()) {
      run.step = `${i + 1}. ${formatCommand(command)}`;
      run.log("run");
      if (command.op === "pause") {
        await new Promise((r) => setTimeout(r, command.ms));
        continue;
      }
      const d = device(command.device);
      if (command.op === "send") d.send(command.text);
      else if (command.op === "retry") d.retry(command.via);
      else if (command.op === "read") d.read();
      else if (command.op === "disconnect" && d.connected) d.disconnect();
      else if (command.op === "reconnect" && !d.connected) await d.connect();
    }

    // Bring everyone back: reconnect, sync, flush the outbox; again until every outbox is empty.
    run.step = "final sync";
    await run.settle();
    lap("program");
    for (let round = 0; round < 5 && run.devices.some((d) => d.outbox.length > 0 || !d.connected); round++) {
      for (const d of run.devices) {
        if (!d.connected) await d.connect();
        else {
          await d.sync();
          d.flush();
        }
      }
      await run.settle();
    }
    // Idle: every device caught up with the server, every report answered. Then one last sync each, so
    // every device has the final watermarks, and the same again until nothing moves. Each user's summary
    // carries only their own watermarks (`mine`), so the server's state is both users' summaries.
    const fetchSummaries = async (): Promise<ServerState> => {
      const [summaryA, summaryB] = await Promise.all(
        [a.token, b.token].map(
          async (token) => (await request<ConversationSummary>(base, "GET", `/api/v1/conversations/${run.conversationId}`, { token })).body,
        ),
      );
      return {
        lastSeq: summaryA.lastSeq,
        summaries: new Map([
          [a.userId, summaryA],
          [b.userId, summaryB],
        ]),
      };
    };
    const deadline = Date.now() + 10_000;
    let server = await fetchSummaries();
    for (;;) {
      await run.settle();
      for (const d of run.devices) await d.sync();
      await run.settle();
      const now = await fetchSummaries();
      const same = JSON.stringify([...now.summaries]) === JSON.stringify([...server.summaries]);
      server = now;
      if (same && run.devices.every((d) => d.cursor === server.lastSeq && d.outbox.length === 0) && run.pending.size === 0) break;
      if (Date.now() > deadline) {
        run.violation(
          `not idle after 10 s: server lastSeq ${server.lastSeq}, ${run.devices.map((d) => `${d.name} cursor ${d.cursor} outbox ${d.outbox.length}`).join(", ")}`,
        );
        break;
      }
    }

    run.step = "checks";
    await check(run, server, a.token, b.token);
    lap("final");
  } finally {
    for (const d of run.devices) d.socket?.disconnect();
  }

  stats.runs++;
  stats.messages += run.sent.size;
  for (const d of run.devices) {
    for (const ticks of d.naiveShown.values()) if (!isNonDecreasing(ticks)) stats.naiveRegressions++;
  }
  if (run.violations.length) {
    throw new Error(
      [
        `${run.violations.length} invariant violation(s):`,
        ...run.violations.slice(0, 25).map((v) => `  - ${v}`),
        "program:",
        formatScenario(scenario),
        "trace (last 80 lines):",
        ...run.trace.slice(-80).map((t) => `  ${t}`),
      ].join("\n"),
    );
  }
}

/** What the server says at the end: each user's summary of the conversation (the two fetched together). */
interface ServerState {
  lastSeq: number;
  summaries: Map<string, ConversationSummary>;
}

async function check(run: Run, server: ServerState, tokenA: string, tokenB: string) {
  const { base, conversationId } = run;
  const { messages: history, pages } = await fullHistory(base, tokenA, conversationId, run.pageSize + 2);
  const seqs = history.map((m) => m.seq);

  // No duplicate: seqs 1..N, one message per client id, and N is the server's lastSeq.
  if (seqs.some((s, i) => s !== i + 1)) run.violation(`history seqs are not 1..N: [${seqs}]`);
  if (history.length !== server.lastSeq) run.violation(`history has ${history.length} messages, lastSeq is ${server.lastSeq}`);
  for (const page of pages) {
    const first = page.messages[0]?.seq ?? 1;
    if (page.hasMore !== first > 1) run.violation(`a history page starting at seq ${first} said hasMore ${page.hasMore}`);
  }
  const byClient = new Map<string, ChatMessage[]>();
  for (const m of history) byClient.set(`${m.senderId}/${m.clientId}`, [...(byClient.get(`${m.senderId}/${m.clientId}`) ?? []), m]);
  for (const [key, copies] of byClient)
    if (copies.length > 1) run.violation(`client id ${key} stored ${copies.length} times: ${copies.map(fmtMessage)}`);

  // No loss: every generated message was stored exactly once, as sent; every ack matches the stored one.
  const stored = new Map(history.map((m) => [m.clientId, m]));
  for (const [clientId, sent] of run.sent) {
    const m = stored.get(clientId);
    if (!m) run.violation(`${sent.device}'s ${JSON.stringify(sent.text)} (${clientId}) was never stored`);
    else if (m.senderId !== sent.senderId || m.text !== sent.text)
      run.violation(`${sent.device}'s ${JSON.stringify(sent.text)} stored as ${fmtMessage(m)}`);
    for (const ack of run.acks.get(clientId) ?? []) {
      if (m && (ack.id !== m.id || ack.seq !== m.seq))
        run.violation(`ack ${JSON.stringify(ack)} for ${clientId} but stored ${fmtMessage(m)}`);
    }
  }
  for (const m of history) if (!run.sent.has(m.clientId)) run.violation(`stored but never sent: ${fmtMessage(m)}`);

  // Every device holds exactly the server's seq -> message map, with nothing left to send.
  const expected = JSON.stringify(history.map((m) => [m.seq, m.id]));
  for (const d of run.devices) {
    const held = JSON.stringify([...d.held.values()].sort((x, y) => x.seq - y.seq).map((m) => [m.seq, m.id]));
    if (held !== expected) {
      const missing = history.filter((m) => d.held.get(m.seq)?.id !== m.id).map(fmtMessage);
      run.violation(`${d.name} holds a different conversation; missing or different: ${missing.join(", ") || "none"}; extra: ${held}`);
    }
    if (d.outbox.length) run.violation(`${d.name} still has ${d.outbox.length} unacked sends`);
  }

  // The server's truth: each user's final watermarks (`mine` in their own summary), and the ticks, the
  // lower of the two, which both summaries must carry.
  const users = [run.devices[0].me, run.devices[2].me];
  const watermarks = new Map<string, Watermarks>();
  for (const user of users) {
    const summary = server.summaries.get(user);
    if (!summary?.mine) run.violation(`no final summary with watermarks for ${userNames.get(user)}: ${JSON.stringify(summary)}`);
    watermarks.set(user, summary?.mine ?? { deliveredSeq: 0, readSeq: 0 });
  }
  const fmtUser = (user: string) => `${userNames.get(user)}'s ${fmtWatermarks(watermarks.get(user) as Watermarks)}`;
  const ticks = minWatermarks(watermarks.get(users[0]) as Watermarks, watermarks.get(users[1]) as Watermarks);
  for (const [user, summary] of server.summaries) {
    if (!summary.ticks || !sameWatermarks(summary.ticks, ticks))
      run.violation(
        `${userNames.get(user)}'s summary has ticks ${JSON.stringify(summary.ticks)}, the lower of ${users.map(fmtUser).join(" and ")} is ${fmtWatermarks(ticks)}`,
      );
    if (summary.lastSeq !== server.lastSeq)
      run.violation(`${userNames.get(user)}'s summary has lastSeq ${summary.lastSeq}, not ${server.lastSeq}`);
  }

  // Ticks: never backwards on any device, and in the end exactly what the server's watermarks say.
  for (const d of run.devices) {
    for (const [clientId, shown] of d.shown) {
      if (!isNonDecreasing(shown))
        run.violation(`${d.name} ticks of ${JSON.stringify(run.sent.get(clientId)?.text)} went backwards: ${shown.join(" -> ")}`);
    }
    for (const m of history.filter((h) => h.senderId === d.me)) {
      const shown = d.statusOf(m.clientId);
      const truth = messageStatus(m.seq, { ticks, group: null });
      if (shown !== truth) run.violation(`${d.name} shows ${shown} for ${fmtMessage(m)}, the server's watermarks say ${truth}`);
      if (RANK[truth] < RANK.delivered)
        run.violation(`${fmtMessage(m)} is ${truth} after every device synced: its delivery was never recorded`);
    }
    if (!sameWatermarks(d.ticks, ticks))
      run.violation(`${d.name} ended with ticks ${fmtWatermarks(d.ticks)}, the server's are ${fmtWatermarks(ticks)}`);
    if (!sameWatermarks(d.mine, watermarks.get(d.me) as Watermarks))
      run.violation(`${d.name} ended with mine ${fmtWatermarks(d.mine)}, the server has ${fmtUser(d.me)}`);
  }

  // Watermarks are exactly what was reported, or the user's own latest message (sending moves the
  // sender's watermarks to it): at least every acked report, at most every sent one.
  for (const user of users) {
    const w = watermarks.get(user) as Watermarks;
    const rep = run.reportsOf(user);
    const own = Math.max(0, ...history.filter((m) => m.senderId === user).map((m) => m.seq));
    const bounds = `the reports ${JSON.stringify(rep)} and own messages up to ${own}`;
    if (w.readSeq < Math.max(rep.readAcked, own) || w.readSeq > Math.max(rep.readSent, own))
      run.violation(`read watermark in ${fmtUser(user)} outside ${bounds}`);
    const lo = Math.max(rep.deliveredAcked, rep.readAcked, own);
    const hi = Math.max(rep.deliveredSent, rep.readSent, own);
    if (w.deliveredSeq < lo || w.deliveredSeq > hi) run.violation(`delivered watermark in ${fmtUser(user)} outside ${bounds}`);
  }

  // Each user's view over REST: nothing undelivered, and the unread count from their read watermark.
  for (const [token, user] of [
    [tokenA, run.devices[0].me],
    [tokenB, run.devices[2].me],
  ]) {
    const unread = await request(base, "GET", "/api/v1/messages/unread", { token });
    if (unread.status !== 200 || unread.body.messages.length !== 0)
      run.violation(`GET /messages/unread for ${userNames.get(user)}: ${unread.status} ${JSON.stringify(unread.body)}`);
    const summary = (await request<ConversationSummary>(base, "GET", `/api/v1/conversations/${conversationId}`, { token })).body;
    const readSeq = watermarks.get(user)?.readSeq ?? 0;
    const count = history.filter((m) => m.senderId !== user && m.seq > readSeq).length;
    if (summary.unreadCount !== count) run.violation(`unreadCount for ${userNames.get(user)} is ${summary.unreadCount}, expected ${count}`);
  }

  // Informational: did pipelined socket sends of one device keep their order? (The web app sends one at a time.)
  for (const d of run.devices) {
    const mine = [...run.sent].filter(([, s]) => s.device === d.name && !s.viaRest).map(([id]) => stored.get(id)?.seq ?? 0);
    if (mine.some((s, i) => i > 0 && s < mine[i - 1])) run.stats.pipelinedReorders++;
  }
}

// ---------------------------------------------------------------------------------------------------

describe.each(testDatabases)("messaging properties on $name", (database) => {
  let server: RunningServer;
  const stats: Stats = {
    runs: 0,
    messages: 0,
    duplicateAcks: 0,
    staleSummaries: 0,
    naiveRegressions: 0,
    pipelinedReorders: 0,
    ms: { users: 0, setup: 0, program: 0, final: 0 },
  };

  beforeAll(async () => {
    server = await startServer({ DATABASE_URL: database.url(), TRUST_PROXY: "true" });
  });
  afterAll(async () => {
    await server?.stop();
    console.info(`messaging properties on ${database.name}: ${JSON.stringify(stats)}`);
  });

  it("never loses, duplicates or reorders a message, and ticks never go backwards", { timeout: 120_000 }, async () => {
    const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
    await fc.assert(
      fc.asyncProperty(scenarioArb, (scenario) => runScenario(server.url, scenario, stats)),
      {
        numRuns: Number(process.env.FC_RUNS ?? 25),
        seed,
        path: process.env.FC_PATH,
        // Shrinking re-runs the program against the live server; stop it in time to report something.
        interruptAfterTimeLimit: 90_000,
        markInterruptAsFailure: false,
      },
    );
    expect(stats.runs).toBeGreaterThan(0);
  });
});
