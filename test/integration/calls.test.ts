// Calls against the real server, on both databases: ringing every device of the person called, answering
// on one (the others hear "Answered on another device"), the relay of signals between the two devices in
// the call only, each way a call ends (hung up, declined, busy, cancelled, missed after 45 s on a clock the
// test moves, a device gone), the call log and the chat's record, group calls joined mid-call, privacy
// (members only, blocks, silenced unknown callers), end-to-end encrypted signalling, bad input and limits.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Call, CallLogEntry } from "../../lib/contracts/calls";
import type { ChatMessage, ConversationSummary } from "../../lib/contracts/messaging";
import { request, type TestSocket, type TestUser } from "../helpers/client";
import { newDevice, startDevice } from "../helpers/crypto-device";
import { testDatabases } from "../helpers/databases";
import { ask, collect, drained, online, openDirect, openToGroups, startChat, until } from "../helpers/messaging";
import { useTestServer } from "../helpers/test-server";

const RING_MS = 45_000;
const offer = { plain: { type: "offer", sdp: "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n" } };

describe.each(testDatabases)("calls on $name", (database) => {
  const t = useTestServer(database, { LIMIT_CALLS_PER_HOUR: "12" });
  const { people, connectAs, advance } = t;

  const call = (user: TestUser, body: Record<string, unknown>) =>
    request(t.base, "POST", "/api/v1/calls", { token: user.token, json: body });
  const answer = (user: TestUser, callId: string, accept: boolean) =>
    request(t.base, "POST", `/api/v1/calls/${callId}/answer`, { token: user.token, json: { accept } });
  const hangup = (user: TestUser, callId: string) => request(t.base, "POST", `/api/v1/calls/${callId}/hangup`, { token: user.token });
  const log = async (user: TestUser) =>
    (await request<{ calls: CallLogEntry[]; more: boolean }>(t.base, "GET", "/api/v1/calls", { token: user.token })).body.calls;
  const updates = (socket: TestSocket) => collect<{ call: Call }>(socket, "call:updated");
  /** The last state `socket` heard of the call. */
  const last = (heard: { call: Call }[], callId: string) => heard.filter((u) => u.call.id === callId).at(-1)?.call;
  const history = async (user: TestUser, chat: string) =>
    (await request<{ messages: ChatMessage[] }>(t.base, "GET", `/api/v1/conversations/${chat}/messages`, { token: user.token })).body
      .messages;
  const deviceOf = (call: Call, user: TestUser) => call.participants.find((p) => p.userId === user.userId)?.deviceId as string;

  it("rings every device of the person called; one answers, the other hears so; signals go device to device; hanging up ends it for both", async () => {
    const [ana, ben] = await people("Ana", "Ben");
    const chat = await openDirect(t.base, ana, ben);
    const benPhone = await newDevice(t.base, ben);
    const [a, b1, b2] = [await connectAs(ana), await connectAs(ben), await connectAs(benPhone)];
    const [heardA, heardB1, heardB2] = [updates(a), updates(b1), updates(b2)];

    const started = await ask<{ callId: string; status: string; call: Call }>(a, "call:start", { to: ben.userId, kind: "video" });
    expect(started.ok).toBe(true);
    const { callId, status } = started.ok ? started.data : { callId: "", status: "" };
    expect(status).toBe("ringing");
    await until(() => Boolean(last(heardB1, callId) && last(heardB2, callId)));
    expect(last(heardB2, callId)).toMatchObject({
      conversationId: chat.id,
      kind: "video",
      state: "ringing",
      participants: [
        { userId: ana.userId, state: "joined" },
        { userId: ben.userId, state: "ringing", deviceId: null },
      ],
    });

    // Ben picks up on his first device; his phone stops ringing, and can't pick up any more.
    const picked = await ask<{ call: Call }>(b1, "call:answer", { callId, accept: true });
    expect(picked.ok && picked.data.call.state).toBe("ongoing");
    await until(() => last(heardB2, callId)?.state === "ongoing" && last(heardA, callId)?.state === "ongoing");
    const ongoing = last(heardA, callId) as Call;
    expect(ongoing.participants[1]).toMatchObject({ state: "joined", deviceId: expect.stringMatching(/^[A-Z]{10}$/) });
    const late = await answer(benPhone, callId, true);
    expect(late.status).toBe(409);
    expect(late.body.error.message).toBe("Answered on another device");

    // Signals: from Ana's device to the one that answered, and back; not to the phone that didn't.
    const [toB1, toB2, toA] = [collect(b1, "call:signal"), collect(b2, "call:signal"), collect(a, "call:signal")];
    const benDevice = { userId: ben.userId, deviceId: deviceOf(ongoing, ben) };
    expect((await ask(a, "call:signal", { callId, to: benDevice, signal: offer })).ok).toBe(true);
    const reply = { plain: { type: "answer", sdp: "v=0\r\n" } };
    expect((await ask(b1, "call:signal", { callId, to: { userId: ana.userId, deviceId: deviceOf(ongoing, ana) }, signal: reply })).ok).toBe(
      true,
    );
    const candidate = {
      plain: { type: "candidate", candidate: { candidate: "candidate:1 1 udp 1 127.0.0.1 5000 typ host", sdpMid: "0", sdpMLineIndex: 0 } },
    };
    expect((await ask(a, "call:signal", { callId, to: benDevice, signal: candidate })).ok).toBe(true);
    await until(() => toB1.length === 2 && toA.length === 1);
    expect(toB1[0]).toEqual({ callId, from: { userId: ana.userId, deviceId: deviceOf(ongoing, ana) }, signal: offer });
    expect(toA[0]).toMatchObject({ signal: reply });
    const notThere = await ask(a, "call:signal", { callId, to: { userId: ben.userId, deviceId: "AAAAAAAAAA" }, signal: offer });
    expect(notThere).toMatchObject({ ok: false, error: { code: "not_found", field: "to" } });
    expect(
      await ask(b2, "call:signal", { callId, to: { userId: ana.userId, deviceId: deviceOf(ongoing, ana) }, signal: offer }),
    ).toMatchObject({
      ok: false,
      error: { code: "conflict" },
    });
    await drained(b2);
    expect(toB2).toEqual([]);

    advance(10_000);
    const hung = await hangup(ana, callId);
    expect(hung.body.call).toMatchObject({ state: "ended", endReason: "completed" });
    await until(() => last(heardB1, callId)?.state === "ended" && last(heardB2, callId)?.state === "ended");
    // Again: nothing changes.
    expect((await hangup(ben, callId)).body.call).toMatchObject({ state: "ended", endReason: "completed" });
    await expect.poll(async () => (await history(ben, chat.id)).at(-1)).toMatchObject({ type: "system", text: "Video call · 0:10" });
    expect((await log(ana))[0]).toMatchObject({ id: callId, direction: "outgoing", missed: false, duration: 10 });
    expect((await log(ben))[0]).toMatchObject({ id: callId, direction: "incoming", missed: false, duration: 10 });
  });

  it("ends clearly each way: declined, cancelled, missed after 45 s, busy, and a device that went away", async () => {
    const [ana, ben, cy] = await people("Ana", "Ben", "Cy");
    const chat = await openDirect(t.base, ana, ben);
    await openDirect(t.base, cy, ben);
    const [a, b] = [await connectAs(ana), await connectAs(ben)];
    const [heardA, heardB] = [updates(a), updates(b)];
    const start = async () => (await call(ana, { conversationId: chat.id, kind: "voice" })).body.callId as string;

    const declined = await start();
    expect((await answer(ben, declined, false)).body.call).toMatchObject({ state: "ended", endReason: "declined" });
    await until(() => last(heardA, declined)?.endReason === "declined");
    expect((await answer(ben, declined, true)).status).toBe(409);

    const cancelled = await start();
    expect((await hangup(ana, cancelled)).body.call).toMatchObject({ state: "ended", endReason: "cancelled" });
    await until(() => last(heardB, cancelled)?.endReason === "cancelled");

    const missed = await start();
    advance(RING_MS + 1_000);
    await until(() => last(heardA, missed)?.state === "ended" && last(heardB, missed)?.state === "ended", 10_000);
    expect(last(heardB, missed)).toMatchObject({ endReason: "missed", participants: [{ state: "left" }, { state: "missed" }] });
    expect((await log(ben)).find((c) => c.id === missed)).toMatchObject({ direction: "incoming", missed: true, duration: null });
    await expect.poll(async () => (await history(ben, chat.id)).at(-1)?.text).toBe("Missed voice call");

    // Ana and Ben call each other at the same moment: one call rings, the other caller is told to join it.
    const [fromAna, fromBen] = await Promise.all([
      call(ana, { to: ben.userId, kind: "voice" }),
      call(ben, { to: ana.userId, kind: "voice" }),
    ]);
    const glare = [fromAna, fromBen];
    expect(glare.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(glare.find((r) => r.status === 409)?.body.error).toMatchObject({ code: "conflict", field: "conversationId" });
    const first = glare.find((r) => r.status === 201)?.body.callId as string;
    await hangup(fromAna.status === 201 ? ana : ben, first);

    // Ben in a call with Ana: Cy's call to him is busy at once.
    const talking = await start();
    await answer(ben, talking, true);
    const busy = await call(cy, { to: ben.userId, kind: "voice" });
    expect(busy.status).toBe(201);
    expect(busy.body).toMatchObject({ status: "ended", call: { endReason: "busy" } });
    // Ana can't start a second call while in one.
    expect((await call(ana, { to: cy.userId, kind: "voice" })).body.error).toMatchObject({ code: "conflict" });

    // Ben's device goes away without hanging up: Ana's side sees the call end within seconds.
    const phone = await online(t.base, ben);
    await hangup(ben, talking);
    const again = await start();
    expect((await ask(phone, "call:answer", { callId: again, accept: true })).ok).toBe(true);
    phone.disconnect();
    // Within a heartbeat and two seconds (7 s); the margin is for a CI machine running every test file at once.
    await until(() => last(heardA, again)?.state === "ended", 30_000);
    expect(last(heardA, again)).toMatchObject({ endReason: "completed" });
  }, 60_000);

  it("keeps calls to members, lets a blocked caller hear only ringing, and silences unknown callers", async () => {
    const [ana, ben, zed, dan] = await people("Ana", "Ben", "Zed", "Dan");
    const chat = await openDirect(t.base, ana, ben);
    const b = await connectAs(ben);
    const heardB = updates(b);
    // Not a member: the same 404 as for a chat that doesn't exist.
    expect((await call(zed, { conversationId: chat.id, kind: "voice" })).status).toBe(404);
    // Ben blocked Ana: her call rings on her side only, and is missed; Ben never hears of it.
    expect((await request(t.base, "PUT", `/api/v1/users/${ana.userId}/block`, { token: ben.token })).status).toBe(200);
    const blocked = (await call(ana, { to: ben.userId, kind: "voice" })).body;
    expect(blocked).toMatchObject({ status: "ringing", call: { participants: [{ userId: ana.userId }] } });
    advance(RING_MS + 1_000);
    await expect.poll(async () => (await log(ana)).find((c) => c.id === blocked.callId)?.endReason, { timeout: 10_000 }).toBe("missed");
    await drained(b);
    expect(heardB.filter((u) => u.call.id === blocked.callId)).toEqual([]);
    expect((await log(ben)).some((c) => c.id === blocked.callId)).toBe(false);

    // Silence unknown callers: Dan, whose chat Ben never accepted, doesn't ring; Ben's log shows it missed.
    const silenced = await request(t.base, "PATCH", "/api/v1/users/me/privacy", {
      token: ben.token,
      json: { silenceUnknownCallers: true },
    });
    expect(silenced.body).toMatchObject({ silenceUnknownCallers: true });
    // This server has no TURN relay: calls can't be relayed only, so the setting can't be turned on.
    const relayed = await request(t.base, "PATCH", "/api/v1/users/me/privacy", { token: ben.token, json: { relayCalls: true } });
    expect(relayed.status).toBe(400);
    expect(relayed.body.error).toMatchObject({ code: "bad_request", field: "relayCalls", message: expect.stringMatching(/no call relay/) });
    await startChat(t.base, dan, ben);
    const quiet = (await call(dan, { to: ben.userId, kind: "video" })).body.callId as string;
    expect((await log(ben)).find((c) => c.id === quiet)).toMatchObject({ direction: "incoming", missed: true });
    // His devices hear of it as missed, for the call log: never as ringing.
    await until(() => heardB.some((u) => u.call.id === quiet));
    const states = heardB.filter((u) => u.call.id === quiet).map((u) => u.call.participants.find((p) => p.userId === ben.userId)?.state);
    expect(new Set(states)).toEqual(new Set(["missed"]));
  });

  it("rings a whole group; members join and leave mid-call; it ends when one is left", async () => {
    const [ana, ben, cy] = await people("Ana", "Ben", "Cy");
    await openToGroups(t.base, ben, cy);
    const group = (
      await request<ConversationSummary>(t.base, "POST", "/api/v1/groups", {
        token: ana.token,
        json: { name: "Hike", participants: [ben.userId, cy.userId] },
      })
    ).body;
    const [a, c] = [await connectAs(ana), await connectAs(cy)];
    const [heardA, heardC] = [updates(a), updates(c)];
    const callId = (await call(ana, { conversationId: group.id, kind: "video" })).body.callId as string;
    expect((await call(ben, { conversationId: group.id, kind: "video" })).body.error).toMatchObject({
      code: "conflict",
      field: "conversationId",
    });
    await answer(ben, callId, true);
    expect((await answer(cy, callId, false)).body.call).toMatchObject({ state: "ongoing" });
    // Cy changes her mind: "Join" on the ongoing call.
    expect((await ask(c, "call:answer", { callId, accept: true })).ok).toBe(true);
    await until(() => last(heardA, callId)?.participants.filter((p) => p.state === "joined").length === 3);
    await hangup(ana, callId);
    await until(() => last(heardC, callId)?.participants.find((p) => p.userId === ana.userId)?.state === "left");
    expect(last(heardC, callId)?.state).toBe("ongoing");
    await hangup(ben, callId);
    await until(() => last(heardC, callId)?.state === "ended");
    expect(last(heardC, callId)).toMatchObject({ endReason: "completed" });
    await expect.poll(async () => (await history(cy, group.id)).at(-1)?.text).toMatch(/^Group video call · \d+:\d\d$/);
  });

  it("refuses signals in the clear in an encrypted chat, bad input, answering what isn't there, and a flood of calls", async () => {
    const [ana, ben] = await people("Ana", "Ben");
    const chat = await openDirect(t.base, ana, ben);
    const [a, b] = [await connectAs(ana), await connectAs(ben)];
    const [da] = await Promise.all([startDevice(t.base, ana), startDevice(t.base, ben)]);
    const sealed = await da.encrypt(chat.id, [ana.userId, ben.userId], "chatterbox.message", { id: "x", type: "text", text: "hi" });
    expect((await ask(a, "message:send", { id: randomUUID(), conversationId: chat.id, type: "encrypted", encrypted: sealed })).ok).toBe(
      true,
    );
    const callId = (await call(ana, { to: ben.userId, kind: "voice" })).body.callId as string;
    const picked = await ask<{ call: Call }>(b, "call:answer", { callId, accept: true });
    const to = { userId: ben.userId, deviceId: deviceOf(picked.ok ? picked.data.call : ({} as Call), ben) };
    expect(await ask(a, "call:signal", { callId, to, signal: offer })).toMatchObject({
      ok: false,
      error: { code: "bad_request", field: "signal" },
    });
    expect((await ask(a, "call:signal", { callId, to, signal: { encrypted: sealed } })).ok).toBe(true);
    // Malformed signals: refused with the field, nothing relayed, the server fine.
    for (const signal of [
      { plain: { type: "offer", sdp: "x".repeat(70_000) } },
      { plain: { type: "pranswer", sdp: "v=0" } },
      { plain: {}, encrypted: sealed },
      "v=0",
    ])
      expect(await ask(a, "call:signal", { callId, to, signal })).toMatchObject({ ok: false, error: { code: "bad_request" } });
    expect(await ask(a, "call:signal", { callId: "nope", to, signal: offer })).toMatchObject({
      ok: false,
      error: { code: "not_found", field: "callId" },
    });
    await hangup(ana, callId);

    expect((await call(ana, { to: ben.userId, conversationId: chat.id, kind: "voice" })).body.error).toMatchObject({
      code: "bad_request",
      field: "to",
    });
    expect((await call(ana, { to: ben.userId, kind: "hologram" })).body.error).toMatchObject({ code: "bad_request", field: "kind" });
    expect((await answer(ben, randomUUID(), true)).status).toBe(404);
    expect((await answer(ben, callId, true)).body.error).toMatchObject({ code: "conflict", message: "That call has ended" });
    // 12 calls an hour in this test server: the flood is refused with the wait.
    let refused: { status: number; body: { error: { code: string; retryAfter?: number } } } | undefined;
    for (let i = 0; i < 14 && !refused; i++) {
      const res = await call(ana, { to: ben.userId, kind: "voice" });
      if (res.status === 429) refused = res;
      else await hangup(ana, res.body.callId);
    }
    expect(refused?.body.error).toMatchObject({ code: "rate_limited", retryAfter: expect.any(Number) });
  });
});
