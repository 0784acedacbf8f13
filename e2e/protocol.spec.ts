// An app older than the server: once the server refuses its protocol version, the app says "Update
// available" with a Reload button and stops, and what the user wrote meanwhile stays in its outbox and is
// sent after the reload. One server plays both: while `outdated`, this page speaks version 0 (its
// handshake's auth.protocol and its REST calls' Chatterbox-Protocol header are rewritten on the way out),
// which the real server refuses exactly as it would refuse an app built before a version bump.
import { expect, test } from "@playwright/test";
import { PROTOCOL_HEADER } from "../lib/contracts/protocol";
import { befriend, createUser, openChat, sendText, signedInContext, statusOf } from "./fixtures";

test("an outdated app shows Update available, keeps its outbox, and sends it after the reload", async ({ browser, baseURL, request }) => {
  const ana = await createUser(request, "Ana");
  const ben = await createUser(request, "Ben");
  await befriend(request, ana, ben);
  const { context, page } = await signedInContext(browser, baseURL as string, ana);

  let outdated = false;
  let refusals = 0;
  const open = new Set<{ close: () => Promise<void> }>();
  await context.route("**/api/v1/**", (route) =>
    route.continue(outdated ? { headers: { ...route.request().headers(), [PROTOCOL_HEADER.toLowerCase()]: "0" } } : undefined),
  );
  await context.routeWebSocket(/\/socket\.io\//, (ws) => {
    const server = ws.connectToServer();
    open.add(ws);
    // The Socket.IO CONNECT packet ("40" + the handshake's auth) carries the version.
    ws.onMessage((message) =>
      server.send(
        typeof message === "string" && outdated && message.startsWith("40") ? message.replace(/"protocol":\d+/, '"protocol":0') : message,
      ),
    );
    server.onMessage((message) => {
      if (typeof message === "string" && message.startsWith("44") && message.includes("update_required")) refusals++;
      ws.send(message);
    });
  });
  await page.reload();
  await openChat(page, ben);
  await sendText(page, "Sent by the current app");
  await expect(statusOf(page, "Sent by the current app")).toHaveAccessibleName("Sent");
  await expect(page.getByRole("alert").filter({ hasText: "Update available" })).toBeHidden();

  // The server moves past this app's version; the connection drops and the app's next handshake is refused
  // (or, first, a REST call of its encryption device: either way the app stops, so at most one handshake).
  outdated = true;
  await Promise.all([...open].map((ws) => ws.close()));
  const banner = page.getByRole("alert", { name: "Update available" });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText("this version of Chatterbox is out of date");
  await expect(page.getByText(/Not connected/)).toBeHidden();
  expect(refusals).toBeLessThanOrEqual(1);
  const refused = refusals;

  // What Ana writes now waits in the outbox; the app doesn't try the server again.
  await sendText(page, "Written while out of date");
  await expect(statusOf(page, "Written while out of date")).toHaveAccessibleName("Pending");
  await page.getByRole("button", { name: "Contact info" }).click();
  await expect(page.getByRole("region", { name: `Contact info for ${ben.displayName}` })).toBeVisible();
  expect(refusals).toBe(refused);

  // The app is updated: Reload loads it, and the message goes out once, in its place.
  outdated = false;
  await Promise.all([page.waitForEvent("load"), banner.getByRole("button", { name: "Reload" }).click()]);
  await expect(banner).toBeHidden();
  await page
    .getByRole("button", { name: new RegExp(ben.displayName) })
    .first()
    .click();
  await expect(statusOf(page, "Written while out of date")).toHaveAccessibleName(/Sent|Delivered/);
  const b = await signedInContext(browser, baseURL as string, ben);
  await b.page.getByRole("button", { name: /Ana/ }).first().click();
  const log = b.page.getByRole("log");
  await expect(log.getByText("Written while out of date")).toHaveCount(1);
  await expect(log.getByText("Sent by the current app")).toBeVisible();
  await context.close();
  await b.context.close();
});
