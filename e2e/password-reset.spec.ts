import { expect, test } from "@playwright/test";
import { createUser, linkFromMail, openSettings, signedInContext } from "./fixtures";

test("password reset by email: add and verify an address, Forgot password?, the emailed link, the new password", async ({
  browser,
  baseURL,
  request,
}) => {
  test.slow(); // three browsers' worth of pages and two emails
  const rita = await createUser(request, "Rita");
  const email = `${rita.username}@example.com`;

  // Rita adds her address in her settings and follows the link emailed to it.
  const { context: mine, page } = await signedInContext(browser, baseURL as string, rita);
  await openSettings(page, "Notifications");
  const settings = page.getByRole("region", { name: "Email" });
  await settings.getByRole("textbox", { name: "Email address" }).fill(email);
  await settings.getByRole("button", { name: "Save" }).click();
  await expect(settings.getByText("Not verified — check your inbox for the link.")).toBeVisible();
  await page.goto(await linkFromMail(email, "Confirm your email address for Chatterbox", "/verify-email"));
  await expect(page.getByRole("status")).toContainText(`${email} is verified`);

  // Signed out, on another device: Forgot password? asks for the username and answers without telling anything.
  const other = await browser.newContext({ baseURL });
  const reset = await other.newPage();
  await reset.goto("/sign-in");
  await reset.getByRole("link", { name: "Forgot password?" }).click();
  await reset.getByRole("textbox", { name: "Username or email" }).fill(rita.username);
  await reset.getByRole("button", { name: "Send reset link" }).click();
  await expect(reset.getByRole("status")).toContainText("If that account exists and has a verified email address");

  // The link from the email: a new password, then signing in with it.
  await reset.goto(await linkFromMail(email, "Reset your Chatterbox password", "/reset-password"));
  await reset.getByLabel("New password", { exact: true }).fill("a brand new password");
  await reset.getByLabel("Repeat new password").fill("a brand new password");
  await reset.getByRole("button", { name: "Set new password" }).click();
  await expect(reset.getByRole("status")).toContainText("Your password was changed");
  await reset.getByRole("link", { name: "Sign in" }).first().click();
  await reset.getByRole("textbox", { name: "Username" }).fill(rita.username);
  await reset.getByLabel("Password").fill("a brand new password");
  await reset.getByRole("button", { name: "Sign in" }).click();
  await expect(reset.getByRole("button", { name: "New chat" })).toBeVisible();

  // Her old session was signed out, and the old password no longer works.
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-(in|up)/);
  await page.goto("/sign-in");
  await page.getByRole("textbox", { name: "Username" }).fill(rita.username);
  await page.getByLabel("Password").fill(rita.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Wrong username or password" })).toBeVisible();

  // The link works once.
  await reset.goto(await linkFromMail(email, "Reset your Chatterbox password", "/reset-password"));
  await expect(reset.getByRole("alert").filter({ hasText: "already used" })).toBeVisible();
  await other.close();
  await mine.close();
});
