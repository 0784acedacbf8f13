// Settings as one place (profile, privacy, security, notifications, chats, backup, help) and what a daily
// user sets there: the theme, kept on the device from the first paint, the wallpaper, and the keyboard
// shortcuts, which work from anywhere.
import { expect, test } from "@playwright/test";
import { anaAndBen, createUser, openChat, openSettings, signedInContext, statusOf } from "./fixtures";

test("the theme and wallpaper follow the choice at once and after a reload", async ({ browser, baseURL, request }) => {
  const user = await createUser(request, "Tess");
  const { context, page } = await signedInContext(browser, baseURL as string, user);
  await page.emulateMedia({ colorScheme: "light" });
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await background();

  await openSettings(page, "Chats");
  const theme = page.getByRole("radiogroup", { name: "Theme" });
  await expect(theme.getByRole("radio", { name: "System default" })).toBeChecked();
  await theme.getByRole("radio", { name: "Dark" }).check();
  await expect.poll(background).not.toBe(light);
  const dark = await background();
  await page.getByRole("radiogroup", { name: "Chat wallpaper" }).getByRole("radio", { name: "Sage" }).check();

  // The server renders the next page in them: dark even though the system is light, no flash of light.
  await page.reload();
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("dark");
  expect(await background()).toBe(dark);
  expect(await page.evaluate(() => document.documentElement.style.getPropertyValue("--wallpaper"))).toContain("#1f2c24");

  // System default follows the system again.
  await openSettings(page, "Chats");
  await page.getByRole("radiogroup", { name: "Theme" }).getByRole("radio", { name: "System default" }).check();
  expect(await background()).toBe(light);
  await page.emulateMedia({ colorScheme: "dark" });
  expect(await background()).toBe(dark);
  await context.close();
});

test("keyboard shortcuts open panels, move between chats and act on the open one", async ({ browser, baseURL, request }) => {
  const { a, ben, close } = await anaAndBen(browser, baseURL as string, request);
  const cy = await createUser(request, "Cy");
  await openChat(a.page, cy);
  await a.page.getByRole("textbox", { name: "Message" }).fill("hi Cy");
  await a.page.getByRole("textbox", { name: "Message" }).press("Enter");
  await openChat(a.page, ben);
  await a.page.getByRole("textbox", { name: "Message" }).fill("hi Ben");
  await a.page.getByRole("textbox", { name: "Message" }).press("Enter");
  // Sent (sending in a chat reads it, which would end a "Mark as unread" made before the send lands).
  await expect(statusOf(a.page, "hi Ben")).toHaveAccessibleName(/^(Sent|Delivered|Read)$/);

  // The help lists them; Escape closes it and focus comes back.
  await a.page.keyboard.press("Control+Alt+K");
  const help = a.page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help.getByText("Next chat")).toBeVisible();
  await a.page.keyboard.press("Escape");
  await expect(help).toBeHidden();

  // Next chat: Ben's (the newest) is open, so Cy's is next.
  await a.page.keyboard.press("Control+Alt+Tab");
  await expect(a.page.getByRole("region", { name: "Chat with Cy" })).toBeVisible();
  await a.page.keyboard.press("Control+Alt+Shift+Tab");
  await expect(a.page.getByRole("region", { name: "Chat with Ben" })).toBeVisible();
  // Mark the open chat unread (it closes, unread); open it again (read again) and pin it.
  const row = a.page.getByRole("list", { name: "Chats" }).getByRole("button", { name: /^Ben's avatar/ });
  await a.page.keyboard.press("Control+Alt+Shift+U");
  await expect(a.page.getByRole("region", { name: "Chat with Ben" })).toBeHidden();
  await expect(row.getByRole("img", { name: "Marked as unread" })).toBeVisible();
  await row.click();
  await expect(row.getByRole("img", { name: "Marked as unread" })).toBeHidden();
  await a.page.keyboard.press("Control+Alt+Shift+P");
  await expect(row.getByRole("img", { name: "Pinned" })).toBeVisible();
  // Search, new chat and settings.
  await a.page.keyboard.press("Control+Alt+/");
  await expect(a.page.getByRole("searchbox", { name: "Search or start a new chat" })).toBeFocused();
  await a.page.keyboard.press("Control+Alt+N");
  await expect(a.page.getByRole("heading", { name: "New chat" })).toBeVisible();
  await a.page.keyboard.press("Control+Alt+,");
  await expect(a.page.getByRole("heading", { name: "Settings" })).toBeVisible();
  await close();
});
