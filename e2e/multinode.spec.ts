// Two people in two browsers, each on a different server node of one multi-node deployment (PostgreSQL +
// Redis): they chat as on one server, with presence, typing and every tick, and call each other. Needs TEST_DATABASE_URL and
// TEST_REDIS_URL (CI sets both); the nodes run on a fresh database and a Redis key prefix of their own.
import { expect, test } from "@playwright/test";
import { freshPostgres } from "../test/helpers/databases";
import { dropPrefix, uniquePrefix } from "../test/helpers/redis";
import { type Cluster, startCluster } from "../test/multinode/cluster";
import { befriend, createUser, openChat, sendText, signedInContext, statusOf } from "./fixtures";

const redisUrl = process.env.TEST_REDIS_URL as string;
const redisPrefix = uniquePrefix();
let cluster: Cluster;
let dropDatabase: () => Promise<void>;

test.skip(!process.env.TEST_DATABASE_URL || !redisUrl, "needs PostgreSQL and Redis: set TEST_DATABASE_URL and TEST_REDIS_URL");

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const database = await freshPostgres();
  dropDatabase = database.drop;
  cluster = await startCluster({ size: 2, databaseUrl: database.url, redisUrl, redisPrefix });
});

test.afterAll(async () => {
  await cluster?.close();
  await dropDatabase?.();
  await dropPrefix(redisUrl, redisPrefix);
});

test("two browsers on two server nodes chat with presence, typing and every tick, and call each other", async ({ browser, playwright }) => {
  const api = await playwright.request.newContext({ baseURL: cluster.url(0) });
  const ana = await createUser(api, "Ana");
  const ben = await createUser(api, "Ben");
  await befriend(api, ana, ben);
  const a = await signedInContext(browser, cluster.url(0), ana);
  await openChat(a.page, ben);
  await sendText(a.page, "Hello from node one");
  await expect(statusOf(a.page, "Hello from node one")).toHaveAccessibleName("Sent");

  const b = await signedInContext(browser, cluster.url(1), ben);
  await expect(statusOf(a.page, "Hello from node one")).toHaveAccessibleName("Delivered");
  await expect(a.page.getByTestId("presence")).toHaveText("online");

  await b.page.getByRole("button", { name: /Ana/ }).first().click();
  await expect(b.page.getByRole("log").getByText("Hello from node one")).toBeVisible();
  await expect(statusOf(a.page, "Hello from node one")).toHaveAccessibleName("Read");

  await b.page.getByRole("textbox", { name: "Message" }).pressSequentially("Hi Ana");
  await expect(a.page.getByTestId("presence")).toHaveText("typing...");
  await b.page.getByRole("button", { name: "Send" }).click();
  await expect(a.page.getByRole("log").getByText("Hi Ana")).toBeVisible();
  await expect(statusOf(b.page, "Hi Ana")).toHaveAccessibleName("Read");

  // A call from one node to the other rings, connects (its signals relayed between the nodes) and ends on both.
  await a.page.getByRole("button", { name: "Voice call", exact: true }).click();
  await b.page.getByRole("alertdialog", { name: "Incoming voice call from Ana" }).getByRole("button", { name: "Accept" }).click();
  for (const page of [a.page, b.page]) await expect(page.getByTestId("call-status")).toHaveText(/^\d+:\d\d$/, { timeout: 20_000 });
  await b.page.getByRole("button", { name: "End call" }).click();
  await expect(a.page.getByTestId("call-status")).toHaveText("Call ended");

  await b.context.close();
  await expect(a.page.getByTestId("presence")).toHaveText(/last seen/);
  await a.context.close();
  await api.dispose();
});
