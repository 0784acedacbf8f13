// Calls across two server nodes on one PostgreSQL database and one Redis: a caller and a callee on
// different nodes ring, answer and exchange signals; the node that started a call dies, ringing or mid-call,
// and the other side still sees the call end (the surviving node's sweep), never a call ringing forever.
// The nodes share a clock file the test moves, so the 45 s of ringing and the 20 s of silence pass at once.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Call } from "../../lib/contracts/calls";
import { createUser, type TestSocket } from "../helpers/client";
import { ask, collect, online, openDirect, until } from "../helpers/messaging";
import { testRedisUrl } from "../helpers/redis";
import { useCluster } from "./cluster";

const multiNode = Boolean(process.env.TEST_DATABASE_URL && testRedisUrl);

describe.runIf(multiNode)("calls across nodes", () => {
  const clockFile = path.join(mkdtempSync(path.join(tmpdir(), "cbx-calls-")), "clock-offset");
  let offset = 0;
  const advance = (ms: number) => {
    offset += ms;
    writeFileSync(clockFile, String(offset));
  };
  const nodes = useCluster(2, () => ({ TEST_CLOCK_FILE: clockFile }));
  const node = (i: number) => nodes.cluster.url(i);

  const heard = (socket: TestSocket) => collect<{ call: Call }>(socket, "call:updated");
  const last = (updates: { call: Call }[], callId: string) => updates.filter((u) => u.call.id === callId).at(-1)?.call;
  const twoPeople = async () => {
    const [ana, ben] = [await createUser(node(0), "Ana"), await createUser(node(1), "Ben")];
    await openDirect(node(0), ana, ben);
    return { ana, ben, a: await online(node(0), ana), b: await online(node(1), ben) };
  };

  it("rings, answers and relays signals between a caller and a callee on different nodes", async () => {
    const { ana, ben, a, b } = await twoPeople();
    const [heardA, heardB, toA] = [heard(a), heard(b), collect(a, "call:signal")];
    const started = await ask<{ callId: string }>(a, "call:start", { to: ben.userId, kind: "voice" });
    const callId = started.ok ? started.data.callId : "";
    await until(() => last(heardB, callId)?.state === "ringing");
    const picked = await ask<{ call: Call }>(b, "call:answer", { callId, accept: true });
    expect(picked.ok).toBe(true);
    await until(() => last(heardA, callId)?.state === "ongoing");
    const anaDevice = (last(heardA, callId) as Call).participants[0].deviceId as string;
    const answer = { plain: { type: "answer", sdp: "v=0\r\n" } };
    expect((await ask(b, "call:signal", { callId, to: { userId: ana.userId, deviceId: anaDevice }, signal: answer })).ok).toBe(true);
    await until(() => toA.length === 1);
    expect(await ask(a, "call:hangup", { callId })).toMatchObject({ ok: true, data: { call: { state: "ended" } } });
    await until(() => last(heardB, callId)?.state === "ended");
  });

  it("the caller's node dies while it rings: the callee's node ends the call as missed after 45 s", async () => {
    const { ben, a, b } = await twoPeople();
    const heardB = heard(b);
    const started = await ask<{ callId: string }>(a, "call:start", { to: ben.userId, kind: "video" });
    const callId = started.ok ? started.data.callId : "";
    await until(() => last(heardB, callId)?.state === "ringing");
    a.disconnect();
    await nodes.cluster.stop(0, "SIGKILL");
    advance(46_000);
    await until(() => last(heardB, callId)?.state === "ended", 10_000);
    expect(last(heardB, callId)).toMatchObject({ endReason: "missed" });
    await nodes.cluster.start(0, { TEST_CLOCK_FILE: clockFile });
  });

  it("a node dies mid-call with one side's connection: the other side sees the call end", async () => {
    const { ben, a, b } = await twoPeople();
    const heardB = heard(b);
    const started = await ask<{ callId: string }>(a, "call:start", { to: ben.userId, kind: "voice" });
    const callId = started.ok ? started.data.callId : "";
    expect((await ask(b, "call:answer", { callId, accept: true })).ok).toBe(true);
    a.disconnect();
    await nodes.cluster.stop(0, "SIGKILL");
    // Ben's device keeps saying it is there; Ana's, on the dead node, is silent.
    advance(21_000);
    b.emit("call:heartbeat", { callId });
    await until(() => last(heardB, callId)?.state === "ended", 10_000);
    expect(last(heardB, callId)?.participants.find((p) => p.userId !== ben.userId)).toMatchObject({ state: "left" });
    await nodes.cluster.start(0, { TEST_CLOCK_FILE: clockFile });
  });
});
