// TURN for calls: GET /api/v1/calls/ice-servers hands each user STUN and TURN servers with credentials of
// their own, and a real coturn (started here on loopback, with the server's TURN_SECRET) allocates relays
// with them and relays between two users' allocations, while refusing tampered, borrowed and expired ones.
// werift-ice's TURN client speaks to it as a browser's ICE agent would (e2e/turn.spec.ts does it in Chromium).
import { createHmac, randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTurnClient, type TurnProtocol } from "werift-ice";
import { type IceServers, iceServersSchema } from "../../lib/contracts/calls";
import { createUser, request, type TestUser } from "../helpers/client";
import { type Coturn, startCoturn, turnserverBinary } from "../helpers/coturn";
import { freshSqliteUrl } from "../helpers/databases";
import { type RunningServer, startServer } from "../helpers/server";

const secret = randomBytes(24).toString("base64url");
const ttlSeconds = 600;
const stunUrl = "stun:127.0.0.1:3478";
const coturnInstalled = turnserverBinary() !== null;
if (!coturnInstalled)
  console.warn(
    "test/integration/turn.test.ts: coturn isn't installed (apt-get install coturn): the checks against a real TURN server are skipped",
  );

let coturn: Coturn | null = null;
let server: RunningServer;
let clockFile: string;
const allocations: TurnProtocol[] = [];

beforeAll(async () => {
  coturn = coturnInstalled ? await startCoturn(secret) : null;
  clockFile = path.join(mkdtempSync(path.join(tmpdir(), "cbx-turn-")), "clock-offset");
  server = await startServer({
    DATABASE_URL: freshSqliteUrl(),
    TEST_CLOCK_FILE: clockFile,
    STUN_URLS: stunUrl,
    TURN_URLS: coturn?.url ?? "turn:127.0.0.1:3478?transport=udp",
    TURN_SECRET: secret,
    TURN_CREDENTIAL_TTL_SECONDS: String(ttlSeconds),
  });
});

afterAll(async () => {
  await Promise.all(allocations.map((a) => a.close()));
  await server?.stop();
  await coturn?.stop();
});

async function iceServers(user: TestUser): Promise<IceServers> {
  const res = await request(server.url, "GET", "/api/v1/calls/ice-servers", { token: user.token });
  expect(res.status).toBe(200);
  return iceServersSchema.parse(res.body);
}

/** The TURN entry of an answer, as a username and password for coturn, with its server's address. */
function turnOf(answer: IceServers) {
  const entry = answer.iceServers.find((s) => s.urls.some((u) => u.startsWith("turn:")));
  const match = entry?.urls[0].match(/^turn:([\d.]+):(\d+)/);
  if (!entry?.username || !entry.credential || !match) throw new Error(`no TURN server in ${JSON.stringify(answer)}`);
  return { address: [match[1], Number(match[2])] as [string, number], username: entry.username, password: entry.credential };
}

/** A TURN Allocate with these credentials; the allocation is released at the end. */
async function allocate(credentials: ReturnType<typeof turnOf>): Promise<TurnProtocol> {
  const allocation = await createTurnClient(credentials);
  allocations.push(allocation);
  return allocation;
}

describe("Protect IP address in calls", () => {
  it("is a privacy setting, off by default, that a server with a relay lets one turn on", async () => {
    const ana = await createUser(server.url, "Ana");
    expect((await request(server.url, "GET", "/api/v1/users/me/privacy", { token: ana.token })).body).toMatchObject({ relayCalls: false });
    const on = await request(server.url, "PATCH", "/api/v1/users/me/privacy", { token: ana.token, json: { relayCalls: true } });
    expect(on.body).toMatchObject({ relayCalls: true });
    const bad = await request(server.url, "PATCH", "/api/v1/users/me/privacy", { token: ana.token, json: { relayCalls: "yes" } });
    expect(bad.body.error).toMatchObject({ code: "bad_request", field: "relayCalls" });
  });
});

describe("GET /api/v1/calls/ice-servers", () => {
  it("needs a signed-in user", async () => {
    expect((await request(server.url, "GET", "/api/v1/calls/ice-servers")).status).toBe(401);
  });

  it("gives STUN, and TURN with credentials of the caller's own, signed with TURN_SECRET, good for TURN_CREDENTIAL_TTL_SECONDS", async () => {
    const ana = await createUser(server.url, "Ana");
    const before = Math.floor(Date.now() / 1000);
    const answer = await iceServers(ana);
    const { username, password } = turnOf(answer);
    expect(answer.iceServers[0]).toEqual({ urls: [stunUrl] });
    const [expiry, userId] = username.split(":");
    expect(userId).toBe(ana.userId);
    expect(Number(expiry)).toBeGreaterThanOrEqual(before + ttlSeconds);
    expect(Number(expiry)).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + ttlSeconds);
    expect(answer.expiresAt).toBe(new Date(Number(expiry) * 1000).toISOString());
    expect(password).toBe(createHmac("sha1", secret).update(username).digest("base64"));
  });
});

describe.skipIf(!coturnInstalled)("coturn with the same secret (skipped without coturn installed)", () => {
  it("allocates relays with the credentials and relays between two users' allocations", async () => {
    const [ana, ben] = [await createUser(server.url, "Ana"), await createUser(server.url, "Ben")];
    const [anaRelay, benRelay] = [await allocate(turnOf(await iceServers(ana))), await allocate(turnOf(await iceServers(ben)))];
    for (const { relayedAddress } of [anaRelay, benRelay]) {
      expect(relayedAddress[0]).toBe("127.0.0.1");
      expect(relayedAddress[1]).toBeGreaterThanOrEqual(coturn?.relayPorts.min ?? 0);
      expect(relayedAddress[1]).toBeLessThanOrEqual(coturn?.relayPorts.max ?? 0);
    }
    // Ben's relay lets Ana's relay in (a permission, as his ICE agent makes for her candidate), and she sends through hers.
    const received = new Promise<[Buffer, readonly [string, number]]>((resolve) =>
      benRelay.onData.subscribe((data, from) => resolve([data, from])),
    );
    await benRelay.getPermission(anaRelay.relayedAddress);
    await anaRelay.sendData(Buffer.from("hello through the relay"), benRelay.relayedAddress);
    const [data, from] = await received;
    expect(data.toString()).toBe("hello through the relay");
    expect(from).toEqual(anaRelay.relayedAddress);
  });

  it("refuses a tampered credential, someone else's credential and an expired one", async () => {
    const [ana, ben] = [await createUser(server.url, "Ana"), await createUser(server.url, "Ben")];
    const anas = turnOf(await iceServers(ana));
    const tampered = { ...anas, password: createHmac("sha1", "not the secret").update(anas.username).digest("base64") };
    const borrowed = { ...anas, username: `${anas.username.split(":")[0]}:${ben.userId}` };
    // The server's clock set back by twice the lifetime: the credentials it makes have expired already.
    writeFileSync(clockFile, String(-2 * ttlSeconds * 1000));
    const expired = turnOf(await iceServers(ana));
    writeFileSync(clockFile, "0");
    expect(Number(expired.username.split(":")[0])).toBeLessThan(Date.now() / 1000);
    // werift-ice's client gives up on a refused Allocate after its retransmissions (about 6 s), so all three at once.
    // (It keeps its UDP socket then, which closes with this test's process.)
    await Promise.all([tampered, borrowed, expired].map((credentials) => expect(allocate(credentials)).rejects.toThrow()));
    // coturn's own word that it refused them (a lost packet would time out the same way).
    for (const { username } of [tampered, borrowed, expired])
      expect(coturn?.log()).toContain(`check_stun_auth: Cannot find credentials of user <${username}>`);
  });
});
