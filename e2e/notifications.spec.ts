import { expect, type Page, test } from "@playwright/test";
import { createUser, openSettings, signedInContext } from "./fixtures";

/** Opens Menu › Notifications. */
async function openNotifications(page: Page) {
  await openSettings(page, "Notifications");
  await expect(page.getByRole("switch", { name: "Show message previews" })).toBeVisible();
}

test("notification previews and sounds are kept, and the email digest is chosen in the same screen", async ({
  browser,
  baseURL,
  request,
}) => {
  const ana = await createUser(request, "Ana");
  const { page, context } = await signedInContext(browser, baseURL as string, ana);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await openNotifications(page);
  const previews = page.getByRole("switch", { name: "Show message previews" });
  const sounds = page.getByRole("switch", { name: "Sounds" });
  await expect(previews).toBeChecked();
  await expect(sounds).toBeChecked();
  await previews.click();
  await expect(previews).not.toBeChecked();
  await sounds.click();
  await expect(sounds).not.toBeChecked();
  // The app's service worker is installed: this device's switch can be used (the browser asks on the click).
  const device = page.getByRole("switch", { name: "Notifications on this device" });
  await expect(device).toBeEnabled();
  await expect(device).not.toBeChecked();
  const digest = page.getByRole("radiogroup", { name: /digest/i });
  await expect(digest.getByRole("radio", { name: "Off" })).toBeChecked();

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
  await page.evaluate(() => navigator.serviceWorker.ready);
  await openNotifications(page);
  const device = page.getByRole("switch", { name: "Notifications on this device" });
  await expect(device).toBeEnabled();
  // This sandbox's Chromium has no push service to subscribe with: the panel says what the browser said.
  await device.click();
  await expect(page.getByRole("alert").filter({ hasText: "couldn't subscribe" })).toContainText(
    "The browser couldn't subscribe to its push service: ",
  );
  await expect(device).not.toBeChecked();
  await context.close();
});
