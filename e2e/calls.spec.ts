// Voice and video calls in real Chromium with its fake camera and microphone (a test pattern and a beep):
// a one-to-one video call in an end-to-end encrypted chat connects with picture and sound both ways, mute
// silences the microphone on the other side, hanging up ends it for both and the chat and the Calls tab
// record it; declined and cancelled calls end clearly; three people talk in one group call, one joining
// mid-call from the group's header.
import { expect, type Page, test } from "@playwright/test";
import { anaAndBen, apiHeaders, befriend, createUser, openChat, sendText, signedInContext } from "./fixtures";

/** The call's window on a page (the whole app while the call is expanded). */
const callWindow = (page: Page, name: RegExp | string) => page.getByRole("region", { name });
const callStatus = (page: Page) => page.getByTestId("call-status");
const CONNECTED = /^\d+:\d\d$/;

/** Frames of the other device's video that this page has played in a second (0: no picture). */
async function framesPlayed(page: Page, index = 0): Promise<number> {
  return page.evaluate(async (i) => {
    const video = document.querySelectorAll<HTMLVideoElement>("[data-testid=remote-media]")[i];
    const before = video.getVideoPlaybackQuality().totalVideoFrames;
    await new Promise((r) => setTimeout(r, 1_000));
    return video.videoWidth > 0 ? video.getVideoPlaybackQuality().totalVideoFrames - before : 0;
  }, index);
}

/** The loudest sample of the other device's sound over 1.5 s, as this page receives it (0: silence). */
async function loudness(page: Page, index = 0): Promise<number> {
  return page.evaluate(async (i) => {
    const media = document.querySelectorAll<HTMLVideoElement>("[data-testid=remote-media]")[i];
    const context = new AudioContext();
    await context.resume();
    const analyser = context.createAnalyser();
    context.createMediaStreamSource(media.srcObject as MediaStream).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    let loudest = 0;
    const end = performance.now() + 1_500;
    while (performance.now() < end) {
      await new Promise((r) => setTimeout(r, 40));
      analyser.getFloatTimeDomainData(samples);
      for (const s of samples) loudest = Math.max(loudest, Math.abs(s));
    }
    await context.close();
    return loudest;
  }, index);
}

test("a video call connects with picture and sound both ways, mute silences me, and hanging up ends it for both", async ({
  browser,
  baseURL,
  request,
}) => {
  const { a, b, ben, close } = await anaAndBen(browser, baseURL as string, request);
  // A message first: the chat is end-to-end encrypted, so the call's signalling is too.
  await sendText(a.page, "Can I call you?");
  await b.page.getByRole("button", { name: /Ana/ }).first().click();
  await expect(b.page.getByRole("log").getByText("Can I call you?")).toBeVisible();

  await a.page.getByRole("button", { name: "Video call", exact: true }).click();
  await expect(callWindow(a.page, `Video call with ${ben.displayName}`)).toBeVisible();
  await expect(callStatus(a.page)).toHaveText(/Calling…|Ringing…/);
  const incoming = b.page.getByRole("alertdialog", { name: "Incoming video call from Ana" });
  await expect(incoming).toBeVisible();
  await incoming.getByRole("button", { name: "Accept" }).click();

  for (const page of [a.page, b.page]) await expect(callStatus(page)).toHaveText(CONNECTED, { timeout: 20_000 });
  await expect(callWindow(a.page, /Video call with/).getByText("End-to-end encrypted")).toBeVisible();
  // The quality indicator reads the connection's statistics (round trip, packets lost): on loopback, good.
  await expect(callWindow(a.page, /Video call with/).getByRole("img", { name: "Good connection" })).toBeVisible({ timeout: 10_000 });
  // Picture and sound, each way.
  for (const page of [a.page, b.page]) {
    await expect.poll(() => framesPlayed(page), { timeout: 15_000 }).toBeGreaterThan(5);
    await expect.poll(() => loudness(page), { timeout: 15_000 }).toBeGreaterThan(0.05);
  }

  // Ana mutes: Ben sees it and hears nothing from her; Ana still hears Ben.
  await a.page.getByRole("button", { name: "Mute microphone" }).click();
  await expect(a.page.getByRole("button", { name: "Unmute microphone" })).toHaveAttribute("aria-pressed", "true");
  await expect(b.page.getByLabel("Ana is muted")).toBeVisible();
  await expect.poll(() => loudness(b.page), { timeout: 10_000 }).toBeLessThan(0.001);
  expect(await loudness(a.page)).toBeGreaterThan(0.05);
  // Camera off: Ben's tile shows her avatar instead of the picture.
  const anaOnBen = callWindow(b.page, "Video call with Ana");
  await a.page.getByRole("button", { name: "Turn camera off" }).click();
  await expect(anaOnBen.getByRole("img", { name: "Ana's avatar" })).toBeVisible();
  await expect(anaOnBen.getByLabel("Ana's video")).toBeHidden();
  await a.page.getByRole("button", { name: "Turn camera on" }).click();
  await expect(anaOnBen.getByRole("img", { name: "Ana's avatar" })).toBeHidden();

  // Minimized, the chat stays usable beside the small call window.
  await b.page.getByRole("button", { name: "Minimize call" }).click();
  await expect(b.page.getByRole("textbox", { name: "Message" })).toBeVisible();
  await expect(callWindow(b.page, "Video call with Ana").getByRole("button", { name: "Expand call" })).toBeVisible();

  await a.page.getByRole("button", { name: "End call" }).click();
  await expect(callStatus(b.page)).toHaveText("Call ended");
  await expect(callWindow(b.page, /Video call with/)).toBeHidden({ timeout: 10_000 });
  await expect(callWindow(a.page, /Video call with/)).toBeHidden();
  for (const page of [a.page, b.page]) await expect(page.getByRole("log").getByText(/^Video call · 0:\d\d$/)).toBeVisible();

  // Ben's Calls tab lists it; calling back from there rings Ana.
  await b.page.getByRole("button", { name: "Calls" }).click();
  const log = b.page.getByRole("list", { name: "Call log" });
  await expect(log.getByRole("listitem").first()).toContainText("Incoming video call");
  await close();
});

test("a declined call ends for the caller; a cancelled one is missed and shows so in the Calls tab; a notification's link rings", async ({
  browser,
  baseURL,
  request,
}) => {
  const [ana, ben] = [await createUser(request, "Ana"), await createUser(request, "Ben")];
  await befriend(request, ana, ben);
  const a = await signedInContext(browser, baseURL as string, ana);
  const b = await signedInContext(browser, baseURL as string, ben);
  await openChat(a.page, ben);

  await a.page.getByRole("button", { name: "Voice call", exact: true }).click();
  const incoming = b.page.getByRole("alertdialog", { name: "Incoming voice call from Ana" });
  await incoming.getByRole("button", { name: "Decline" }).click();
  await expect(callStatus(a.page)).toHaveText("Call declined");
  await expect(incoming).toBeHidden();

  await expect(a.page.getByRole("button", { name: "Voice call", exact: true })).toBeEnabled({ timeout: 10_000 });
  await a.page.getByRole("button", { name: "Voice call", exact: true }).click();
  await expect(incoming).toBeVisible();
  await a.page.getByRole("button", { name: "End call" }).click();
  await expect(incoming).toBeHidden();
  await b.page.getByRole("button", { name: "Calls" }).click();
  await expect(b.page.getByRole("list", { name: "Call log" }).getByRole("listitem").first()).toContainText("Missed voice call");

  // Ben's app is closed when Ana calls: his notification opens /?call=<id>, where the call rings.
  await b.page.close();
  await expect(a.page.getByRole("button", { name: "Voice call", exact: true })).toBeEnabled({ timeout: 10_000 });
  await a.page.getByRole("button", { name: "Voice call", exact: true }).click();
  await expect(callStatus(a.page)).toHaveText("Ringing…");
  const log = await request.get("/api/v1/calls", { headers: await apiHeaders(request, ben) });
  const [ringing] = (await log.json()).calls as { id: string; state: string }[];
  expect(ringing.state).toBe("ringing");
  const opened = await b.context.newPage();
  await opened.goto(`/?call=${ringing.id}`);
  await opened.getByRole("alertdialog", { name: "Incoming voice call from Ana" }).getByRole("button", { name: "Accept" }).click();
  for (const page of [a.page, opened]) await expect(callStatus(page)).toHaveText(CONNECTED, { timeout: 20_000 });
  await expect(opened).toHaveURL(/\/$/);
  await opened.getByRole("button", { name: "End call" }).click();
  await expect(callStatus(a.page)).toHaveText("Call ended");
  await a.context.close();
  await b.context.close();
});

test("three people talk in one group call, one joining after declining, each hearing the other two", async ({
  browser,
  baseURL,
  request,
}) => {
  const [ana, ben, cy] = [await createUser(request, "Ana"), await createUser(request, "Ben"), await createUser(request, "Cy")];
  await befriend(request, ana, ben);
  await befriend(request, ana, cy);
  await befriend(request, ben, cy);
  const pages = await Promise.all([ana, ben, cy].map((user) => signedInContext(browser, baseURL as string, user)));
  const [a, b, c] = pages;
  const group = await request.post("/api/v1/groups", {
    data: { name: "Hike", participants: [ben.userId, cy.userId] },
    headers: await apiHeaders(request, ana),
  });
  expect(group.ok()).toBe(true);
  await a.page.getByRole("button", { name: /Hike/ }).first().click();

  await a.page.getByRole("button", { name: "Voice call", exact: true }).click();
  const incoming = (page: Page) => page.getByRole("alertdialog", { name: "Incoming group voice call from Hike" });
  await incoming(b.page).getByRole("button", { name: "Accept" }).click();
  // Cy declines, then thinks better of it: the group's header offers to join the call going on.
  await incoming(c.page).getByRole("button", { name: "Decline" }).click();
  await expect(callStatus(a.page)).toHaveText(CONNECTED, { timeout: 20_000 });
  await c.page.getByRole("button", { name: /Hike/ }).first().click();
  await c.page.getByRole("button", { name: "Join voice call" }).click();
  for (const { page } of pages) {
    await expect(callStatus(page)).toHaveText(CONNECTED, { timeout: 20_000 });
    await expect(page.getByTestId("remote-media")).toHaveCount(2);
    for (const i of [0, 1]) await expect.poll(() => loudness(page, i), { timeout: 20_000 }).toBeGreaterThan(0.05);
  }
  // Ben leaves: Ana and Cy go on together.
  await b.page.getByRole("button", { name: "End call" }).click();
  await expect(a.page.getByTestId("remote-media")).toHaveCount(1);
  await expect(callStatus(c.page)).toHaveText(CONNECTED);
  await c.page.getByRole("button", { name: "End call" }).click();
  await expect(callStatus(a.page)).toHaveText("Call ended");
  for (const { context } of pages) await context.close();
});
