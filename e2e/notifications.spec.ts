import { expect, type Page, test } from "@playwright/test";
import { createUser, signedInContext } from "./fixtures";

// Lets context.route answer a service worker's own script request (Chromium only), for a stand-in worker.
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = "1";

/** Opens Menu › Notifications. */
async function openNotifications(page: Page) {
  await page.getByRole("button", { name: "Menu" }).click();
  await page.getByRole("menuitem", { name: "Notifications" }).click();
  await expect(page.getByRole("switch", { name: "Show message previews" })).toBeVisible();
}

test("notification previews and sounds are kept; this device's switch says why it can't be used", async ({ browser, baseURL, request }) => {
  const ana = await createUser(request, "Ana");
  const { page, context } = await signedInContext(browser, baseURL as string, ana);
  await openNotifications(page);
  const previews = page.getByRole("switch", { name: "Show message previews" });
  const sounds = page.getByRole("switch", { name: "Sounds" });
  await expect(previews).toBeChecked();
  await expect(sounds).toBeChecked();
  await previews.click();
  await expect(previews).not.toBeChecked();
  await sounds.click();
  await expect(sounds).not.toBeChecked();
  // Without the app's service worker (this branch's build registers none) the switch is off and explains.
  const device = page.getByRole("switch", { name: "Notifications on this device" });
  await expect(device).toBeDisabled();
  await expect(device).toHaveAccessibleDescription(/service worker, which isn't installed/);

  await page.reload();
  await openNotifications(page);
  await expect(previews).not.toBeChecked();
  await expect(sounds).not.toBeChecked();
  await context.close();
});

test("turning on notifications shows the browser's failure to reach its push service as text", async ({ browser, baseURL, request }) => {
  const ana = await createUser(request, "Ana");
  const { page, context } = await signedInContext(browser, baseURL as string, ana);
  await context.grantPermissions(["notifications"]);
  // A stand-in service worker: this sandbox's Chromium has no push service to subscribe with.
  await context.route("**/e2e-push-sw.js", (route) =>
    route.fulfill({ contentType: "text/javascript", body: "self.addEventListener('push', () => {});" }),
  );
  await page.evaluate(async () => {
    await navigator.serviceWorker.register("/e2e-push-sw.js");
    await navigator.serviceWorker.ready;
  });
  await openNotifications(page);
  const device = page.getByRole("switch", { name: "Notifications on this device" });
  await expect(device).toBeEnabled();
  await device.click();
  await expect(page.getByRole("alert").filter({ hasText: "couldn't subscribe" })).toContainText(
    "The browser couldn't subscribe to its push service: ",
  );
  await expect(device).not.toBeChecked();
  await context.close();
});
