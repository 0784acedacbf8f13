// A call's media through TURN, in Chromium: a private coturn on loopback shares its secret with a private
// server, the signed-in page asks the server for its ICE servers, and two peer connections that may only use
// relay candidates (as two people behind strict NATs would) connect through coturn with those credentials,
// sending the fake camera and microphone and a data channel message. A tampered credential gets no relay.
// Then the app itself: with "Protect IP address in calls" on, a call connects through coturn only, shows
// "Reconnecting…" when coturn goes down, and comes back by ICE restarts once it is up again.
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import type { IceServers } from "../lib/contracts/calls";
import { type Coturn, startCoturn, turnserverBinary } from "../test/helpers/coturn";
import { freshSqliteUrl } from "../test/helpers/databases";
import { freePort } from "../test/helpers/private-services";
import { closeRelayCalls, openRelayCalls, relayCallStats } from "../test/helpers/relay-calls";
import { type RunningServer, startServer } from "../test/helpers/server";
import { backToChats, befriend, createUser, openChat, openSettings, signedInContext, signIn } from "./fixtures";

test.skip(turnserverBinary() === null, "coturn isn't installed (apt-get install coturn)");

const secret = randomBytes(24).toString("base64url");
let coturn: Coturn;
let server: RunningServer;
let base: string;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  coturn = await startCoturn(secret);
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = await startServer({
    DATABASE_URL: freshSqliteUrl(),
    PORT: String(port),
    APP_URL: base,
    DATA_DIR: mkdtempSync(path.join(tmpdir(), "cbx-e2e-turn-")),
    TURN_URLS: coturn.url,
    TURN_SECRET: secret,
  });
});

test.afterAll(async () => {
  await server?.stop();
  await coturn?.stop();
});

test("a call's audio, video and messages go through coturn with the server's credentials, and tampered ones get no relay", async ({
  browser,
  playwright,
}) => {
  const api = await playwright.request.newContext({ baseURL: base });
  const ana = await createUser(api, "Ana");
  const context = await browser.newContext({ baseURL: base });
  const page = await signIn(context, ana);

  const answer: IceServers = await page.evaluate(async () => (await fetch("/api/v1/calls/ice-servers")).json());
  expect(answer.iceServers).toEqual([
    { urls: [coturn.url], username: expect.stringMatching(`^\\d+:${ana.userId}$`), credential: expect.any(String) },
  ]);

  expect(await page.evaluate(openRelayCalls, { iceServers: answer.iceServers, pairs: 1 })).toEqual(["hello through the relay, call 0"]);
  // Media flows both ways (100 kB each: a few seconds of it), over relayed candidates only, and the far side decodes the video.
  const leastBytes = async () => {
    const [call] = await page.evaluate(relayCallStats);
    return Math.min(call.bytesSent, call.bytesReceived);
  };
  await expect.poll(leastBytes, { timeout: 20_000 }).toBeGreaterThan(100_000);
  const [call] = await page.evaluate(relayCallStats);
  expect(call).toMatchObject({ localType: "relay", remoteType: "relay", relayProtocol: "udp" });
  expect(call.framesDecoded).toBeGreaterThan(10);
  await page.evaluate(closeRelayCalls);

  // The same server with a credential signed by another secret: coturn answers 401, so no relay candidate is gathered.
  const [turn] = answer.iceServers;
  const tampered = [{ ...turn, credential: randomBytes(20).toString("base64") }];
  const refused = await page.evaluate(async (iceServers) => {
    const pc = new RTCPeerConnection({ iceServers, iceTransportPolicy: "relay" });
    const candidates: string[] = [];
    const errors: number[] = [];
    pc.onicecandidate = ({ candidate }) => {
      if (candidate?.candidate) candidates.push(candidate.candidate);
    };
    pc.onicecandidateerror = (event) => errors.push((event as RTCPeerConnectionIceErrorEvent).errorCode);
    const complete = new Promise<void>((resolve) => {
      pc.onicegatheringstatechange = () => pc.iceGatheringState === "complete" && resolve();
    });
    pc.createDataChannel("chat");
    await pc.setLocalDescription();
    await complete;
    pc.close();
    return { candidates, errors };
  }, tampered);
  expect(refused).toEqual({ candidates: [], errors: expect.arrayContaining([401]) });
  await context.close();
});

test("with Protect IP address in calls, the app's call goes through the relay, and comes back through it after the relay restarts", async ({
  browser,
  playwright,
}) => {
  test.setTimeout(150_000);
  const api = await playwright.request.newContext({ baseURL: base });
  const [ana, ben] = [await createUser(api, "Ana"), await createUser(api, "Ben")];
  await befriend(api, ana, ben);
  const [a, b] = [await signedInContext(browser, base, ana), await signedInContext(browser, base, ben)];

  await openSettings(a.page, "Privacy");
  const relayOnly = a.page.getByRole("switch", { name: "Protect IP address in calls" });
  await relayOnly.click();
  await expect(relayOnly).toBeChecked();
  await backToChats(a.page);
  await openChat(a.page, ben);

  await a.page.getByRole("button", { name: "Voice call", exact: true }).click();
  await b.page.getByRole("alertdialog", { name: "Incoming voice call from Ana" }).getByRole("button", { name: "Accept" }).click();
  const status = (page: Page) => page.getByTestId("call-status");
  for (const page of [a.page, b.page]) await expect(status(page)).toHaveText(/^\d+:\d\d$/, { timeout: 20_000 });
  // Ana's side may only use the relay, so the call goes through coturn (Ben never learns her address).
  await expect(a.page.getByText("Relayed")).toBeVisible({ timeout: 10_000 });

  // The relay goes down: the call shows it is reconnecting; back up on the same port, ICE restarts bring it back.
  await coturn.stop();
  await expect(status(a.page)).toHaveText("Reconnecting…", { timeout: 20_000 });
  coturn = await startCoturn(secret, coturn);
  for (const page of [a.page, b.page]) await expect(status(page)).toHaveText(/^\d+:\d\d$/, { timeout: 25_000 });
  await a.page.getByRole("button", { name: "End call" }).click();
  await expect(status(b.page)).toHaveText("Call ended");
  await a.context.close();
  await b.context.close();
});
